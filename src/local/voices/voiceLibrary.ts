// The voices a VieNeu model can speak with: the presets of the model repository's voices.json (CC BY-NC,
// fetched with the model and never bundled) and custom voices (reference codes + transcript). Resolving a
// request gives the reference the prompt needs, plus the licence to show beside the voice.
import { readFile } from 'fs/promises';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import type { ReferenceVoice, SynthesisRequest } from '../../core/types';
import { checkCodes, parseCodesFile, readCodesFile } from './codesFile';

export interface Voice extends ReferenceVoice {
  id: string;
  /** Shown instead of the id where there is one: a cloned voice's id is a slug with a hash, its name is what the user typed. */
  label?: string;
  description: string;
  /** "CC BY-NC 4.0" for upstream's presets; shown next to the voice. */
  licence?: string;
  notice?: string;
  source: 'preset' | 'custom';
}

export interface VoicesFile {
  licence?: string;
  notice?: string;
  defaultVoice?: string;
  voices: Voice[];
}

/** Parses upstream's voices.json: `{ meta: { license, notice }, default_voice, presets: { id: { codes, text, description } } }`. */
export function parseVoicesJson(text: string, source: string): VoicesFile {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(t('localVoicesJsonBroken', source, (err as Error).message), 'model', t('localVoicesJsonFix'));
  }
  if (!data || typeof data !== 'object' || !data.presets || typeof data.presets !== 'object') {
    throw new UserError(t('localVoicesJsonBroken', source, 'no "presets" object'), 'model', t('localVoicesJsonFix'));
  }
  const licence = typeof data.meta?.license === 'string' ? data.meta.license : undefined;
  const notice = typeof data.meta?.notice === 'string' ? data.meta.notice : undefined;
  const voices: Voice[] = [];
  for (const [id, p] of Object.entries<any>(data.presets)) {
    if (!p || typeof p.text !== 'string' || !Array.isArray(p.codes)) {
      throw new UserError(t('localVoicesJsonBroken', source, `preset "${id}" needs codes and text`), 'model', t('localVoicesJsonFix'));
    }
    voices.push({
      id,
      codes: checkCodes(p.codes.flat(3), `${source} (${id})`),
      text: p.text,
      description: typeof p.description === 'string' ? p.description : id,
      licence,
      notice,
      source: 'preset',
    });
  }
  const defaultVoice = typeof data.default_voice === 'string' && data.default_voice ? data.default_voice : undefined;
  return { licence, notice, defaultVoice, voices };
}

export async function loadVoicesFile(path: string): Promise<VoicesFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(t('localFileUnreadable', path, (err as Error).message), 'bad-input');
  }
  return parseVoicesJson(text, path);
}

/** A custom voice as config.yaml describes it: a codes file (or inline codes) plus the transcript. */
export interface CustomVoiceSpec {
  codesFile?: string;
  codes?: number[];
  text: string;
  description?: string;
}

export async function loadCustomVoice(id: string, spec: CustomVoiceSpec): Promise<Voice> {
  let codes: number[];
  let text = spec.text;
  if (spec.codes) {
    codes = checkCodes(spec.codes, id);
  } else if (spec.codesFile) {
    const buf = await readCodesFile(spec.codesFile);
    const parsed = parseCodesFile(buf, spec.codesFile);
    codes = parsed.codes;
    text = text || parsed.text || '';
  } else {
    throw new UserError(t('localVoiceNoCodes', id), 'bad-input', t('localVoiceCodesFix'));
  }
  if (!text.trim()) throw new UserError(t('localVoiceNoTranscript', id), 'bad-input', t('localVoiceTranscriptFix'));
  return { id, codes, text, description: spec.description ?? id, source: 'custom' };
}

export class VoiceLibrary {
  private readonly byId = new Map<string, Voice>();
  private defaultId: string | undefined;
  licence: string | undefined;
  notice: string | undefined;

  /**
   * Adds a voices file's presets. The first file to name a voice keeps it: files are added from the user's
   * own (--voices) to the model's, so a voices.json beside the backbone never overrides the user's choice.
   */
  addFile(file: VoicesFile): void {
    for (const v of file.voices) if (!this.byId.has(v.id)) this.byId.set(v.id, v);
    this.defaultId ??= file.defaultVoice;
    this.licence ??= file.licence;
    this.notice ??= file.notice;
  }

  add(voice: Voice): void {
    this.byId.set(voice.id, voice);
  }

  list(): Voice[] {
    return [...this.byId.values()];
  }

  get defaultVoiceId(): string | undefined {
    if (this.defaultId && this.byId.has(this.defaultId)) return this.defaultId;
    return this.byId.keys().next().value;
  }

  get(id: string): Voice | undefined {
    return this.byId.get(id);
  }

  /** The reference for a request: its own reference, the named voice, or the default; a clear error otherwise. */
  resolve(request: Pick<SynthesisRequest, 'voice' | 'reference'>): Voice {
    if (request.reference) {
      const codes = checkCodes(request.reference.codes, 'reference');
      if (!request.reference.text.trim()) throw new UserError(t('localVoiceNoTranscript', 'reference'), 'bad-input', t('localVoiceTranscriptFix'));
      return { id: 'reference', codes, text: request.reference.text, description: 'reference', source: 'custom' };
    }
    const id = request.voice || this.defaultVoiceId;
    if (!id) throw new UserError(t('localNoVoices'), 'not-ready', t('localNoVoicesFix'));
    const v = this.byId.get(id);
    if (!v) throw new UserError(t('localUnknownVoice', id, this.list().map((x) => x.id).join(', ') || '-'), 'bad-input');
    return v;
  }
}
