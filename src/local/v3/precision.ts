// Which v3 Turbo precision to run: fp32 (onnx_update) by default; int8 (onnx_int8) only on a CPU with VNNI,
// because upstream reports distorted or nonsense audio from the int8 graphs elsewhere.
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { CATALOGUE, type CatalogueEntry } from '../models/catalogue';
import { cpuName, hasVnni } from './cpuFeatures';

export type V3Precision = 'fp32' | 'int8';

export function v3Entry(precision: V3Precision): CatalogueEntry {
  return CATALOGUE.find((e) => e.family === 'v3-turbo' && e.v3?.precision === precision)!;
}

/** The entry for a requested precision; int8 without VNNI is refused with the reason and the fix. */
export function chooseV3Precision(requested: V3Precision = 'fp32', vnni: boolean = hasVnni(), cpu: string = cpuName()): CatalogueEntry {
  if (requested === 'int8' && !vnni) throw new UserError(t('v3Int8NoVnni', cpu), 'config', t('v3Int8NoVnniFix'));
  return v3Entry(requested);
}

/** Precisions to offer on this CPU, each with the reason when it is not offered. */
export function v3Precisions(vnni: boolean = hasVnni(), cpu: string = cpuName()): Array<{ precision: V3Precision; offered: boolean; reason?: string }> {
  return [
    { precision: 'fp32', offered: true },
    { precision: 'int8', offered: vnni, reason: vnni ? undefined : t('v3Int8NoVnni', cpu) },
  ];
}
