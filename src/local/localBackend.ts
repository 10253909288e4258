// The Local backend: two engines behind one TtsBackend. The built-in espeak-ng voice is ready from the first
// minute, offline (when vieneu.local.builtinVoice is on); the VieNeu model engine takes over once a model is
// loaded. Loading downloads what is missing, loads backbone and codec, and can be cancelled; while a new model
// loads, requests keep going to whatever already works. Native modules are only touched by loadModel.
import { abortError, isAbortError, throwIfAborted, UserError } from '../core/errors';
import { Emitter } from '../core/events';
import { t } from '../core/strings';
import type { Device, VieneuConfig } from '../core/config';
import type { AudioChunk, BackendStatus, SynthesisRequest, TtsBackend } from '../core/types';
import type { Backbone } from './backbone/types';
import { BuiltinVoice, type BuiltinSpeaker } from './builtinVoice';
import type { CodecDecoder, FrontEnd, SpeechChunk } from './engine/types';
import { VieneuEngine } from './engine/vieneuEngine';
import { DEFAULT_BACKBONE_ID, defaultCodec, dictionaryFor, findModel, type PhonemizerVariantId, type PromptStyle } from './models/catalogue';
import { resolveModel, type ResolvedModel, type StoreOptions } from './models/modelStore';
import { loadCustomVoice, loadVoicesFile, VoiceLibrary, type CustomVoiceSpec, type Voice } from './voices/voiceLibrary';
import { stretchAudio, TimeStretcher } from './streaming/timeStretch';
import type { V3Model } from './v3/loadV3';
import { V3Engine } from './v3/v3Engine';
import type { V3FrontEnd } from './v3/v3FrontEnd';
import { backboneFamilyOf, checkPairing, codecFamilyOf, siblingMossCodec } from './v3/v3Folder';
import { findV3Voice, readV3Voices, voiceShape, type V3Voice } from './v3/v3Voices';
import { cpuName, hasVnni } from './v3/cpuFeatures';
import { dirname } from 'path';
import { discardRefusedDictionary, resolveSeaDictionary, resolveV3Presets, type SeaDictionaryChoice } from './v3/v3Companions';

/** Voice id that always means the built-in espeak-ng voice. */
export const BUILTIN_VOICE_ID = 'builtin';

export interface LoadModelOptions {
  /** Catalogue id, Hugging Face repo id, or a .gguf / .onnx file or folder. Default: vieneu.local.backbone. */
  backbone?: string;
  /** Default: vieneu.local.codec (int8 NeuCodec decoder on CPU). */
  codec?: string;
  /** A voices.json to use instead of (or when there is none) the one in the model repository. */
  voices?: string;
  /** A phoneme dictionary (phoneme_dict.json); default: the v1 dictionary from the cache or a download. */
  dictionary?: string;
  threads?: number;
  device?: Device;
  /** Use only local files (models folder, cache, paths); never the network. */
  offline?: boolean;
  /** Custom voices (config.yaml voices.custom). */
  customVoices?: Record<string, CustomVoiceSpec>;
}

export type LoadProgress = (fraction: number, phase: string) => void;

/** What the backend is configured with; read at each use so settings changes apply to the next load. */
export type LocalSettings = VieneuConfig['local'];

export interface ModelLoaders {
  /** `cacheDir` may hold files derived from the model (the GGUF speech-head model), built once. */
  backbone(path: string, o: { threads?: number; device: Device; format: 'gguf' | 'onnx'; cacheDir?: string }): Promise<Backbone>;
  codec(path: string, o: { threads?: number }): Promise<CodecDecoder>;
  frontEnd(o: { dictionary?: string; variant: PhonemizerVariantId }): Promise<FrontEnd>;
  /** Text split for the built-in voice (needs no dictionary), in chunks of at most maxChars; may be lazy. */
  split(text: string, maxChars?: number): Iterable<SpeechChunk> | Promise<SpeechChunk[]>;
  /** VieNeu-TTS v3 Turbo: a backbone folder and a MOSS codec folder (src/local/v3/loadV3.ts). */
  v3?(backboneDir: string, codecDir: string, o: { threads?: number; voices?: string }): Promise<V3Model>;
  /** The v3 text front end: sea-g2p from a SEAP dictionary (given, or found in the backbone `folder`). */
  v3FrontEnd?(o: { dictionary?: string; folder?: string; required?: boolean }): Promise<V3FrontEnd>;
}

/** What resolveV3 found for a v3 Turbo load: folders, and the downloads they came from (undefined: a local path). */
interface V3Files {
  backboneDir: string;
  codecDir: string;
  backbone?: ResolvedModel;
  codec?: ResolvedModel;
  dictionary: SeaDictionaryChoice;
  voices?: string;
}

/** A loaded v3 Turbo model; lives beside the v1 `LoadedModel` (one of the two is loaded at a time). */
interface LoadedV3 {
  engine: V3Engine;
  model: V3Model;
  label: string;
  info: Record<string, string | number | boolean>;
  users: number;
  retired: boolean;
}

export interface LocalBackendOptions {
  /** Where downloads go: VS Code global storage in the extension, ~/.cache/vieneu from the CLI. */
  cacheDir: string;
  settings: () => LocalSettings;
  /** The Hugging Face token from secret storage, asked for only when a download needs the network. */
  hfToken?: () => Promise<string | undefined>;
  /** Hugging Face endpoint override (mirrors, tests). */
  endpoint?: string;
  /** Host override of the direct-URL assets (sea-g2p's dictionary, the v3 presets): mirrors, tests. */
  assetMirror?: string;
  loaders: ModelLoaders;
  /** Custom voices from config.yaml (voices.custom), read at each load when loadModel is not given any. */
  customVoices?: () => Record<string, CustomVoiceSpec>;
  /** Voices cloned on this machine (voices_v3_turbo.json-format files), offered with a v3 Turbo model. */
  clonedVoices?: () => ReadonlyArray<{ id: string; name: string; file: string }>;
  builtinSpeaker?: () => Promise<BuiltinSpeaker>;
  log?: (line: string) => void;
}

interface LoadedModel {
  engine: VieneuEngine;
  backbone: Backbone;
  codec: CodecDecoder;
  voices: VoiceLibrary;
  label: string;
  info: Record<string, string | number | boolean>;
  /** Requests still streaming from this model; it is disposed only when they have ended. */
  users: number;
  retired: boolean;
}

export class LocalBackend implements TtsBackend {
  readonly id = 'local' as const;
  private readonly emitter = new Emitter<BackendStatus>();
  readonly onDidChangeStatus = this.emitter.event;
  private current: BackendStatus;
  private model: LoadedModel | undefined;
  private v3: LoadedV3 | undefined;
  private loading: { controller: AbortController; done: Promise<void> } | undefined;
  private readonly builtin: BuiltinVoice;
  private lastError: string | undefined;
  private voiceProblems: string[] = [];
  private disposed = false;

  constructor(private readonly o: LocalBackendOptions) {
    this.builtin = new BuiltinVoice({ split: (text, maxChars) => o.loaders.split(text, maxChars), speaker: o.builtinSpeaker });
    this.current = this.restingStatus();
  }

  get status(): BackendStatus {
    return this.current;
  }

  get modelLoaded(): boolean {
    return !!this.model || !!this.v3;
  }

  /** Voices of the loaded model (presets with their licence, then custom ones); empty without a model. */
  voices(): Voice[] {
    if (this.v3) {
      const presets = this.v3.model.voices.voices.map((v) => ({ id: v.id, description: v.description, licence: v.licence, notice: v.notice, source: 'preset' as const, codes: [], text: '' }));
      const cloned = (this.o.clonedVoices?.() ?? []).map((v) => ({ id: v.id, label: v.name, description: t('cloneVoiceDescription'), source: 'custom' as const, codes: [], text: '' }));
      return [...presets, ...cloned];
    }
    return this.model?.voices.list() ?? [];
  }

  get voiceLicence(): { licence?: string; notice?: string } {
    if (this.v3) return { licence: this.v3.model.voices.voices[0]?.licence, notice: this.v3.model.voices.voices[0]?.notice };
    return { licence: this.model?.voices.licence, notice: this.model?.voices.notice };
  }

  /** Call after settings change: the built-in voice may have been switched on or off. */
  refreshStatus(): void {
    if (!this.loading) this.setStatus(this.restingStatus());
  }

  private builtinEnabled(): boolean {
    return this.o.settings().builtinVoice;
  }

  private restingStatus(): BackendStatus {
    if (this.v3) return { state: 'ready', detail: t('localStatusModelLoaded', this.v3.label), info: this.v3.info };
    if (this.model) return { state: 'ready', detail: t('localStatusModelLoaded', this.model.label), info: this.model.info };
    const info: Record<string, string | number | boolean> = { engine: 'espeak-ng' };
    if (this.lastError) info.modelError = this.lastError;
    if (this.builtinEnabled()) return { state: 'ready', detail: t('localStatusBuiltin'), info };
    if (this.lastError) return { state: 'error', detail: this.lastError };
    return { state: 'idle', detail: t('localStatusNoModel') };
  }

  private setStatus(s: BackendStatus): void {
    if (this.disposed) return;
    this.current = s;
    this.emitter.fire(s);
  }

  /**
   * Downloads (if needed) and loads a backbone and codec. Progress goes 0..1 with a phase text; the signal
   * cancels (the previous model, if any, stays loaded). A second call cancels a load still in progress.
   */
  async loadModel(opts: LoadModelOptions = {}, progress: LoadProgress = () => undefined, signal?: AbortSignal): Promise<void> {
    if (this.loading) {
      this.loading.controller.abort();
      await this.loading.done.catch(() => undefined);
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    const done = this.doLoad(opts, progress, controller.signal);
    this.loading = { controller, done };
    try {
      await done;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (this.loading?.done === done) this.loading = undefined;
      this.setStatus(this.restingStatus());
    }
  }

  private async doLoad(opts: LoadModelOptions, progress: LoadProgress, signal: AbortSignal): Promise<void> {
    const s = this.o.settings();
    const report = (fraction: number, phase: string) => {
      const f = Math.max(0, Math.min(1, fraction));
      this.setStatus({ state: 'busy', detail: phase, progress: f });
      progress(f, phase);
    };
    // Weights of the overall bar: downloads dominate; loading into memory is quick once they are here.
    const span = (from: number, to: number): LoadProgress => (f, phase) => report(from + (to - from) * f, phase);
    let backbone: Backbone | undefined;
    let codec: CodecDecoder | undefined;
    try {
      report(0, t('localPhasePreparing'));
      const token = opts.offline ? undefined : await this.o.hfToken?.();
      const store: StoreOptions = {
        cacheDir: this.o.cacheDir,
        modelsPath: s.modelsPath || undefined,
        token,
        endpoint: this.o.endpoint,
        assetMirror: this.o.assetMirror,
        offline: opts.offline,
      };
      const backboneSpec = opts.backbone || s.backbone || DEFAULT_BACKBONE_ID;
      // An empty codec setting means the one the backbone was made for; a MOSS codec given only by the settings
      // (left from v3 Turbo) gives way to NeuCodec for a v1 model, as NeuCodec does for v3 in resolveV3.
      const configuredCodec = opts.codec || s.codec;
      const codecSpec = !configuredCodec || (!opts.codec && mossCodec(configuredCodec)) ? defaultCodec('cpu').id : configuredCodec;
      if ((backboneFamilyOf(backboneSpec) ?? findModel(backboneSpec)?.family) === 'v3-turbo') {
        await this.loadV3(await this.resolveV3(backboneSpec, opts, store, span, signal), opts, report, signal);
        return;
      }
      // Refused before any download: a v1 backbone (GGUF or ONNX: either is refused alike) cannot speak through MOSS.
      checkPairing(backboneSpec, 'v1-gguf', codecSpec, mossCodec(codecSpec) ? 'moss' : undefined);
      const bb = await resolveModel(backboneSpec, 'backbone', store, span(0, 0.7), signal);
      const cd = await resolveModel(codecSpec, 'codec', store, span(0.7, 0.85), signal);
      const dict = await this.resolveDictionary(opts, bb, store, span(0.85, 0.9), signal);
      throwIfAborted(signal);

      report(0.9, t('localPhaseLoadingBackbone'));
      const threads = opts.threads ?? (s.threads || undefined);
      const device = opts.device ?? s.device;
      const format = bb.weights.toLowerCase().endsWith('.onnx') ? 'onnx' : 'gguf';
      backbone = await this.o.loaders.backbone(bb.weights, { threads, device, format, cacheDir: this.o.cacheDir });
      throwIfAborted(signal);
      report(0.95, t('localPhaseLoadingCodec'));
      codec = await this.o.loaders.codec(cd.weights, { threads });
      throwIfAborted(signal);

      const variant = bb.entry?.backbone?.phonemizer ?? 'v1-seed';
      const promptStyle: PromptStyle = bb.entry?.backbone?.promptStyle ?? 'v1-chat';
      const frontEnd = await this.o.loaders.frontEnd({ dictionary: dict?.weights, variant });
      this.voiceProblems = [];
      const voices = await this.loadVoices(bb, opts);
      throwIfAborted(signal);

      const label = bb.entry?.label ?? `VieNeu-TTS (${basename(bb.weights)})`;
      const engine = new VieneuEngine({ backbone, codec, frontEnd, promptStyle });
      const previous = this.model;
      const previousV3 = this.v3;
      this.v3 = undefined;
      if (previousV3) await retireV3(previousV3);
      this.model = {
        engine,
        backbone,
        codec,
        voices,
        label,
        info: {
          engine: 'vieneu',
          model: bb.entry?.id ?? bb.weights,
          backbone: bb.weights,
          backboneFormat: format,
          codec: cd.weights,
          dictionary: dict?.weights ?? '(espeak-ng only)',
          voices: voices.list().length,
          ...(this.voiceProblems.length ? { voiceProblems: this.voiceProblems.join(' ') } : {}),
          voiceLicence: voices.licence ?? '',
          modelLicence: bb.entry?.licence ?? '',
          threads: backbone.info.threads ?? threads ?? 0,
          source: bb.source,
        },
        users: 0,
        retired: false,
      };
      this.lastError = undefined;
      this.o.log?.(`local: loaded ${label} (${bb.weights}, codec ${cd.weights})`);
      if (previous) await retire(previous);
      progress(1, t('localStatusModelLoaded', label));
    } catch (err) {
      await backbone?.dispose().catch(() => undefined);
      await Promise.resolve(codec?.dispose()).catch(() => undefined);
      if (isAbortError(err) || signal.aborted) throw abortError();
      this.lastError = err instanceof UserError ? err.display : `${t('localLoadFailed')} ${(err as Error).message}`;
      this.o.log?.(`local: load failed: ${this.lastError}`);
      throw err;
    }
  }

  /**
   * The folders of a v3 Turbo backbone and its codec, its sea-g2p dictionary and presets: local folders as they
   * are, catalogue ids downloaded (every file of the precision folder, the dictionary, the presets when the
   * repository has none). A NeuCodec codec that only comes from the settings default is replaced by the MOSS
   * codec; one asked for explicitly is refused by loadV3 with the fix.
   */
  private async resolveV3(backboneSpec: string, opts: LoadModelOptions, store: StoreOptions, span: (a: number, b: number) => LoadProgress, signal: AbortSignal): Promise<V3Files> {
    const entry = findModel(backboneSpec);
    if (entry?.requires === 'vnni' && !hasVnni()) throw new UserError(t('v3Int8NoVnni', cpuName()), 'config', t('v3Int8NoVnniFix'));
    const isDir = (p: string) => backboneFamilyOf(p) === 'v3-turbo' || codecFamilyOf(p) === 'moss';
    const bb = isDir(backboneSpec) ? undefined : await resolveModel(backboneSpec, 'backbone', store, span(0, 0.6), signal);
    const backboneDir = bb ? dirname(bb.weights) : backboneSpec;
    const dictionary = await resolveSeaDictionary({ explicit: opts.dictionary, setting: this.o.settings().seaG2pDictionary, folder: backboneDir, entry: bb?.entry, store, progress: span(0.6, 0.75), signal });
    const voices = await resolveV3Presets({ explicit: opts.voices, backbone: bb, store, progress: span(0.75, 0.78), signal });
    const configured = opts.codec || this.o.settings().codec;
    const neu = (c: string) => codecFamilyOf(c) === 'neucodec' || findModel(c)?.codecFamily === 'neucodec';
    // Automatic: a MOSS folder beside a local v3 folder, else the catalogue's (cache, models folder or download).
    const codecSpec = !configured || (!opts.codec && neu(configured)) ? (isDir(backboneSpec) && siblingMossCodec(backboneDir)) || 'moss-audio-tokenizer-nano' : configured;
    const cd = isDir(codecSpec) || neu(codecSpec) ? undefined : await resolveModel(codecSpec, 'codec', store, span(0.78, 0.9), signal);
    return { backboneDir, codecDir: cd ? dirname(cd.weights) : codecSpec, backbone: bb, codec: cd, dictionary, voices };
  }

  /** The v3 Turbo load path: local folders (judged from their files), checked and paired, then the v3 engine. */
  private async loadV3(f: V3Files, opts: LoadModelOptions, report: LoadProgress, signal: AbortSignal): Promise<void> {
    const { backboneDir, codecDir, backbone: bb } = f;
    const { v3, v3FrontEnd } = this.o.loaders;
    if (!v3 || !v3FrontEnd) throw new UserError(t('v3BadFile', backboneDir, 'this build has no v3 Turbo loader'), 'model', t('v3Fix'));
    checkPairing(backboneDir, 'v3-turbo', codecDir, codecFamilyOf(codecDir) ?? (findModel(codecDir)?.codecFamily === 'neucodec' ? 'neucodec' : undefined));
    report(0.9, t('localPhaseLoadingBackbone'));
    const s = this.o.settings();
    const model = await v3(backboneDir, codecDir, { threads: opts.threads ?? (s.threads || undefined), voices: f.voices });
    try {
      throwIfAborted(signal);
      const frontEnd = await v3FrontEnd({ dictionary: f.dictionary.file, folder: backboneDir, required: f.dictionary.required }).catch(async (err: unknown) => {
        if (err instanceof UserError) await discardRefusedDictionary(f.dictionary);
        throw err;
      });
      throwIfAborted(signal);
      // A catalogue model by its name; a local folder by the folder's.
      const label = bb?.entry?.label ?? `VieNeu-TTS v3 Turbo (${basename(backboneDir)})`;
      const previous = this.model;
      const previousV3 = this.v3;
      this.model = undefined;
      this.v3 = {
        engine: new V3Engine({ runner: model.runner, codec: model.codec, frontEnd }),
        model,
        label,
        info: {
          engine: 'vieneu-v3-turbo',
          model: bb?.entry?.id ?? backboneDir,
          backbone: backboneDir,
          backboneFormat: 'onnx',
          codec: codecDir,
          sampleRate: model.codec.sampleRate,
          voices: model.voices.voices.length,
          voiceLicence: model.voices.voices[0]?.licence ?? '',
          modelLicence: bb?.entry?.licence ?? '',
          threads: model.runner.info.threads,
          heads: model.runner.info.headMode,
          g2p: frontEnd.g2p ?? 'custom',
          dictionary: f.dictionary.file ?? '(none)',
          dictionarySource: f.dictionary.from,
          source: bb?.source ?? 'path',
          ...(bb?.commit ? { commit: bb.commit } : {}),
          ...(f.codec?.commit ? { codecCommit: f.codec.commit } : {}),
        },
        users: 0,
        retired: false,
      };
      this.lastError = undefined;
      this.o.log?.(`local: loaded ${label} (codec ${codecDir}; phonemes from ${frontEnd.g2p === 'v1-phonemizer' ? 'the v1 phonemizer: no sea_g2p.bin found' : (frontEnd.g2p ?? 'a custom front end')})`);
      if (previous) await retire(previous);
      if (previousV3) await retireV3(previousV3);
      report(1, t('localStatusModelLoaded', label));
    } catch (err) {
      await model.dispose().catch(() => undefined);
      throw err;
    }
  }

  /** The dictionary asked for, else the one the backbone was trained with. */
  private async resolveDictionary(opts: LoadModelOptions, bb: ResolvedModel, store: StoreOptions, progress: LoadProgress, signal: AbortSignal): Promise<ResolvedModel | undefined> {
    if (opts.dictionary) return resolveModel(opts.dictionary, 'dictionary', store, progress, signal);
    try {
      return await resolveModel(dictionaryFor(bb.entry), 'dictionary', store, progress, signal);
    } catch (err) {
      if (isAbortError(err)) throw err;
      // espeak-ng alone gives the same phonemes for the words checked; the dictionary is a refinement.
      this.o.log?.(`local: phoneme dictionary unavailable, using espeak-ng for every word (${err instanceof UserError ? err.display : String(err)})`);
      return undefined;
    }
  }

  private async loadVoices(bb: ResolvedModel, opts: LoadModelOptions): Promise<VoiceLibrary> {
    const lib = new VoiceLibrary();
    if (opts.voices) lib.addFile(await loadVoicesFile(opts.voices));
    if (bb.voices) lib.addFile(await loadVoicesFile(bb.voices));
    for (const [id, spec] of Object.entries(opts.customVoices ?? this.o.customVoices?.() ?? {})) {
      // One broken custom voice must not keep the model (and the other voices) from loading.
      try {
        lib.add(await loadCustomVoice(id, spec));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        this.voiceProblems.push(err.display);
        this.o.log?.(`local: custom voice "${id}" skipped: ${err.display}`);
      }
    }
    return lib;
  }

  /** Unloads the model (frees its memory); the built-in voice, if enabled, keeps working. */
  async unloadModel(): Promise<void> {
    this.loading?.controller.abort();
    const m = this.model;
    const m3 = this.v3;
    this.model = undefined;
    this.v3 = undefined;
    this.lastError = undefined;
    if (m) await retire(m);
    if (m3) await retireV3(m3);
    this.setStatus(this.restingStatus());
  }

  async *synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    throwIfAborted(signal);
    const m = this.model;
    const wantsBuiltin = request.voice === BUILTIN_VOICE_ID && !request.reference;
    const m3 = this.v3;
    if (m3 && !wantsBuiltin) {
      const voice = findV3Voice(m3.model.voices, request.voice || undefined) ?? this.clonedV3Voice(m3, request.voice);
      if (!voice) throw new UserError(t('localUnknownVoice', request.voice ?? '', this.voices().map((v) => v.id).join(', ') || '-'), 'bad-input');
      m3.users++;
      try {
        const audio = m3.engine.synthesize({ text: request.text, voice, temperature: request.temperature, topK: request.topK, seed: request.seed }, signal);
        yield* TimeStretcher.needed(request.speed) ? stretchAudio(audio, request.speed) : audio;
      } finally {
        if (--m3.users === 0 && m3.retired) await m3.model.dispose().catch(() => undefined);
      }
      return;
    }
    if (m && !wantsBuiltin) {
      const voice = m.voices.resolve(request);
      m.users++;
      try {
        const audio = m.engine.synthesize(
          { text: request.text, voice, temperature: request.temperature, topK: request.topK, seed: request.seed },
          signal,
        );
        // The model has no rate control: the speaking rate is applied to its audio, pitch kept.
        yield* TimeStretcher.needed(request.speed) ? stretchAudio(audio, request.speed) : audio;
      } finally {
        if (--m.users === 0 && m.retired) await disposeModel(m);
      }
      return;
    }
    if (!this.builtinEnabled() && !wantsBuiltin) {
      throw new UserError(t('localNotReady'), 'not-ready', t('localNotReadyFix'), [{ label: t('localActionLoadModel'), command: 'vieneu.loadLocalModel' }]);
    }
    yield* this.builtin.synthesize(request.text, request.speed, signal);
  }

  /** A cloned voice by id, read from its file at each request (it may have been deleted or re-cloned). */
  private clonedV3Voice(m3: LoadedV3, id: string | undefined): V3Voice | undefined {
    const info = id ? this.o.clonedVoices?.().find((v) => v.id === id) : undefined;
    return info && findV3Voice(readV3Voices(info.file, voiceShape(m3.model.runner)));
  }

  dispose(): void {
    this.disposed = true;
    this.loading?.controller.abort();
    const m = this.model;
    this.model = undefined;
    if (m) void retire(m);
    const m3 = this.v3;
    this.v3 = undefined;
    if (m3) void retireV3(m3);
    this.emitter.dispose();
  }
}

function mossCodec(spec: string): boolean {
  return codecFamilyOf(spec) === 'moss' || findModel(spec)?.codecFamily === 'moss';
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** Takes a model out of service: disposed now if idle, otherwise when its last request ends. */
async function retire(m: LoadedModel): Promise<void> {
  m.retired = true;
  if (m.users === 0) await disposeModel(m);
}

async function retireV3(m: LoadedV3): Promise<void> {
  m.retired = true;
  if (m.users === 0) await m.model.dispose().catch(() => undefined);
}

async function disposeModel(m: LoadedModel): Promise<void> {
  await m.backbone.dispose().catch(() => undefined);
  await Promise.resolve(m.codec.dispose()).catch(() => undefined);
}
