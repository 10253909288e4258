// Opening one of the cloning graphs with onnxruntime-node, checking its inputs and outputs by name before
// anything runs, so a wrong or damaged file is refused with what to do instead of failing inside a run.
import * as fs from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

export type Ort = typeof import('onnxruntime-node');
export type Session = import('onnxruntime-node').InferenceSession;
export type Tensor = import('onnxruntime-node').Tensor;

export interface GraphSpec {
  /** What the user knows it as ("speaker encoder"). */
  label: string;
  inputs: Record<string, 'float32' | 'int32' | 'int64'>;
  outputs: string[];
}

/** Intra-op threads as upstream picks them: half the cores, 1 to 8. */
export function defaultThreads(): number {
  const cpus = (require('os') as typeof import('os')).cpus().length || 1;
  return Math.min(Math.max(Math.floor(cpus / 2), 1), 8);
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 300);
}

export async function openGraph(file: string, spec: GraphSpec, threads?: number): Promise<{ ort: Ort; session: Session }> {
  if (!fs.existsSync(file)) throw new UserError(t('cloneModelMissing', spec.label, file), 'model', t('cloneModelMissingFix'));
  const ort = (await import('onnxruntime-node')) as Ort;
  let session: Session;
  try {
    session = await ort.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads ?? defaultThreads(),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      logSeverityLevel: 4,
    });
  } catch (err) {
    throw new UserError(t('cloneModelBadOutput', file, firstLine(err), `a ${spec.label} graph`), 'model', t('cloneModelBadOutputFix'), [], { cause: err });
  }
  const problems: string[] = [];
  for (const [name, type] of Object.entries(spec.inputs)) {
    const meta = session.inputMetadata.find((m) => m.name === name);
    if (!meta) problems.push(`no input "${name}"`);
    else if (meta.isTensor && meta.type !== type) problems.push(`input "${name}" is ${meta.type}, not ${type}`);
  }
  for (const name of spec.outputs) if (!session.outputNames.includes(name)) problems.push(`no output "${name}"`);
  if (problems.length) {
    await session.release();
    throw new UserError(
      t('cloneModelBadOutput', file, problems.join(', '), `[${Object.keys(spec.inputs).join(', ')}] → [${spec.outputs.join(', ')}]`),
      'model',
      t('cloneModelBadOutputFix'),
    );
  }
  return { ort, session };
}
