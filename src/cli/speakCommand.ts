// `vieneu speak "Xin chào" --out hello.wav`: the local engine from the command line, on the same LocalBackend
// as the extension. Audio is written as it streams (memory stays flat for long texts) into `<out>.part`,
// renamed to `<out>` only when complete; Ctrl-C stops promptly and leaves no half-written WAV behind.
import { constants as fsConstants, createWriteStream, promises as fs, type WriteStream } from 'fs';
import * as path from 'path';
import { atRate } from '../audio/audioCollector';
import { floatToPcm16 } from '../audio/pcm16';
import { wavHeader } from '../audio/wav';
import { DEFAULT_CONFIG, MAX_THREADS } from '../core/config';
import { isAbortError, UserError } from '../core/errors';
import { t } from '../core/strings';
// The runner modules load their native packages (llama.cpp, onnxruntime) only when a model is loaded.
import { defaultLoaders } from '../local/engine/defaultLoaders';
import { BUILTIN_VOICE_ID, LocalBackend } from '../local/localBackend';
import { cliCacheDir } from '../local/models/modelStore';
import { parseArgs, readStdin, type CliCommand } from './command';

const HELP = `Usage: vieneu speak [TEXT] --out FILE.wav [options]

Reads Vietnamese TEXT (or standard input) aloud with the local engine and writes a WAV file at the model's own rate (24 kHz for v1).

Options:
  --out FILE        WAV file to write (required)
  --voice ID        preset voice of the model (voices.json), or "builtin" for the espeak-ng voice;
                    v3 Turbo: also a voice file written by \`vieneu clone\` (voice.json)
  --backbone SPEC   catalogue id (vieneu-0.5b-q4, vieneu-0.3b-q4, …), Hugging Face repo id, .gguf file,
                    or ONNX folder (default ${DEFAULT_CONFIG.local.backbone})
  --codec SPEC      NeuCodec decoder: catalogue id, repo id or .onnx file (default: int8 decoder)
  --voices FILE     a voices.json to use (presets with their licence)
  --dict FILE       phoneme dictionary (phoneme_dict.json) instead of the downloaded v1 dictionary
  --builtin         use the built-in espeak-ng voice (robotic, no download)
  --threads N       CPU threads, 0 to ${MAX_THREADS} (default: one fewer than the physical cores)
  --speed X         speaking rate from 0.5 to 2 (default 1); the pitch is kept
  --seed N          sampling seed, for reproducible output
  --phonemes "..."  v3 Turbo: speak this phoneme string (sea-g2p IPA) instead of phonemizing TEXT
  --offline         never use the network (models folder, cache and paths only)
  --models DIR      folder of already-downloaded models (like vieneu.local.modelsPath)
  --cache DIR       download cache (default $XDG_CACHE_HOME/vieneu or ~/.cache/vieneu)

A gated or private Hugging Face repository needs HF_TOKEN in the environment.
Try it offline: vieneu fixtures /tmp/fx && vieneu speak "Xin chào" --backbone /tmp/fx/backbone.gguf \\
  --codec /tmp/fx/codec.onnx --voices /tmp/fx/voices.json --dict /tmp/fx/phoneme_dict.json --out hello.wav`;

/** Streams PCM16 into `<path>.part` and patches the RIFF sizes at the end. */
export class WavFileWriter {
  private readonly part: string;
  /** Opened with the first audio, so a run that fails before speaking creates no file at all. */
  private out: WriteStream | undefined;
  private bytes = 0;
  private sampleRate = 0;

  constructor(private readonly path: string) {
    this.part = `${path}.part`;
  }

  /**
   * Refuses, before any model is loaded, an --out that cannot be written: a missing folder, one without write
   * permission, or an existing path that is not a regular file (the final rename would replace a device).
   */
  async check(): Promise<void> {
    const dir = path.dirname(path.resolve(this.path));
    const fix = t('limitOutFix');
    const st = await fs.stat(this.path).catch(() => undefined);
    if (st && !st.isFile()) throw new UserError(t('limitOutNotRegular', this.path), 'bad-input', fix);
    const dirSt = await fs.stat(dir).catch(() => undefined);
    if (!dirSt?.isDirectory()) throw new UserError(t('limitOutFolderMissing', this.path, dir), 'bad-input', fix);
    try {
      await fs.access(dir, fsConstants.W_OK);
    } catch (err) {
      throw new UserError(t('limitOutNotWritable', this.path, (err as Error).message), 'bad-input', fix);
    }
  }

  async write(samples: Float32Array, sampleRate: number): Promise<void> {
    if (this.sampleRate === 0) {
      this.sampleRate = sampleRate;
      const out = createWriteStream(this.part);
      // Failures reach the caller through the write callbacks; without a listener the stream's 'error'
      // event would end the process with a stack trace.
      out.on('error', () => undefined);
      this.out = out;
      await this.put(wavHeader(sampleRate, 0));
    }
    // The file keeps the first chunk's (the model's native) rate; a chunk at another one is resampled to it.
    const pcm = floatToPcm16(atRate({ samples, sampleRate }, this.sampleRate));
    this.bytes += pcm.byteLength;
    await this.put(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
  }

  private put(b: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.out!.write(b, (err) => (err ? reject(this.explain(err)) : resolve())));
  }

  private explain(err: Error): Error {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return new UserError(t('limitDiskFull', this.path), 'bad-input', t('limitDiskFullFix'), [], { cause: err });
    return new UserError(t('limitOutNotWritable', this.path, err.message), 'bad-input', t('limitOutFix'), [], { cause: err });
  }

  get seconds(): number {
    return this.sampleRate ? this.bytes / 2 / this.sampleRate : 0;
  }

  async finish(): Promise<void> {
    // No audio at all means the text had nothing the engine reads: an empty WAV would look like success.
    if (!this.out || this.bytes === 0) throw new UserError(t('limitNothingToRead'), 'bad-input', t('limitNothingToReadFix'));
    await new Promise<void>((resolve, reject) => this.out!.end((err?: Error | null) => (err ? reject(this.explain(err)) : resolve())));
    try {
      const fh = await fs.open(this.part, 'r+');
      try {
        await fh.write(wavHeader(this.sampleRate, this.bytes), 0, 44, 0);
      } finally {
        await fh.close();
      }
      // Checked again at the end: the path may have become a device or folder while we spoke.
      const st = await fs.stat(this.path).catch(() => undefined);
      if (st && !st.isFile()) throw new UserError(t('limitOutNotRegular', this.path), 'bad-input', t('limitOutFix'));
      await fs.rename(this.part, this.path);
    } catch (err) {
      throw err instanceof UserError ? err : this.explain(err as Error);
    }
  }

  async abandon(): Promise<void> {
    const out = this.out;
    if (!out) return;
    // Wait for the stream to close: removing the file while its open is still pending would let it reappear.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await fs.rm(this.part, { force: true });
  }
}

async function speakV3Cli(out: string, text: string, flags: Record<string, string | boolean>, n: { threads?: number; seed?: number; speed?: number }): Promise<number> {
  const { speakV3 } = require('./speakV3') as typeof import('./speakV3');
  const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const writer = new WavFileWriter(out);
  const started = performance.now();
  try {
    const r = await speakV3({
      text,
      backbone: str(flags.backbone)!,
      codec: str(flags.codec),
      voices: str(flags.voices),
      voice: str(flags.voice),
      phonemes: str(flags.phonemes),
      dictionary: str(flags.dict),
      threads: n.threads,
      seed: n.seed,
      speed: n.speed,
      signal: ac.signal,
      write: (c) => writer.write(c.samples, c.sampleRate),
    });
    await writer.finish();
    const wall = (performance.now() - started) / 1000;
    console.error(`Wrote ${out}: ${writer.seconds.toFixed(2)} s of 48 kHz audio in ${wall.toFixed(2)} s (first audio after ${Math.round(r.firstMs)} ms).`);
    return 0;
  } catch (err) {
    return await abandoned(writer, err);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** A failed or stopped run leaves no .part behind; Ctrl-C exits with 130, as shells expect of SIGINT. */
async function abandoned(writer: WavFileWriter, err: unknown): Promise<number> {
  await writer.abandon();
  if (!isAbortError(err)) throw err;
  console.error('Stopped.');
  return 130;
}

function intFlag(v: string | boolean | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--${name} needs a whole number, got "${String(v)}".`, 'bad-input');
  return n;
}

/** Whether anything in the text is read aloud: the engine speaks letters and digits, never bare symbols. */
function hasReadableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

export const command: CliCommand = {
  summary: 'read Vietnamese text aloud with the local engine into a WAV file',
  help: HELP,
  async run(args) {
    const { flags, positional } = parseArgs(args, {
      values: ['out', 'voice', 'backbone', 'codec', 'voices', 'dict', 'threads', 'seed', 'models', 'cache', 'speed', 'phonemes'],
      booleans: ['builtin', 'offline'],
    });
    const out = typeof flags.out === 'string' ? flags.out : undefined;
    if (!out) throw new UserError('Say where to write the audio with --out FILE.wav.', 'bad-input', 'Run `vieneu speak --help` for the options.');
    let text = positional.join(' ');
    if (!text || text === '-') text = process.stdin.isTTY ? '' : await readStdin();
    if (!text.trim()) throw new UserError('There is no text to read.', 'bad-input', 'Give the text as an argument or on standard input.');
    if (!hasReadableText(text)) throw new UserError(t('limitNothingToRead'), 'bad-input', t('limitNothingToReadFix'));
    const threads = intFlag(flags.threads, 'threads');
    if (threads !== undefined && threads > MAX_THREADS) throw new UserError(t('limitThreads', MAX_THREADS, String(flags.threads)), 'bad-input');
    const seed = intFlag(flags.seed, 'seed');
    const speed = flags.speed === undefined ? undefined : Number(flags.speed);
    if (speed !== undefined && !(speed >= 0.5 && speed <= 2)) {
      throw new UserError(`--speed needs a number from 0.5 to 2, got "${String(flags.speed)}".`, 'bad-input');
    }
    const builtin = flags.builtin === true || flags.voice === 'builtin';
    const writer = new WavFileWriter(out);
    await writer.check();

    const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
    // A v3 Turbo folder (judged from its files) runs the v3 engine at 48 kHz.
    const { backboneFamilyOf } = require('../local/v3/v3Folder') as typeof import('../local/v3/v3Folder');
    if (str(flags.backbone) && backboneFamilyOf(str(flags.backbone)!) === 'v3-turbo') return speakV3Cli(out, text, flags, { threads, seed, speed });
    const backend = new LocalBackend({
      cacheDir: str(flags.cache) ?? cliCacheDir(),
      settings: () => ({
        ...DEFAULT_CONFIG.local,
        threads: threads ?? 0,
        modelsPath: str(flags.models) ?? '',
        builtinVoice: builtin,
      }),
      hfToken: async () => process.env.HF_TOKEN || process.env.HUGGING_FACE_HUB_TOKEN || undefined,
      loaders: defaultLoaders(),
      log: (line) => process.env.VIENEU_DEBUG && console.error(line),
    });
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    try {
      if (!builtin) {
        let lastPhase = '';
        await backend.loadModel(
          { backbone: str(flags.backbone), codec: str(flags.codec), voices: str(flags.voices), dictionary: str(flags.dict), threads, offline: flags.offline === true },
          (f, phase) => {
            if (phase !== lastPhase || f === 1) process.stderr.write(`\r${phase} ${Math.round(f * 100)}%   `);
            lastPhase = phase;
          },
          ac.signal,
        );
        process.stderr.write('\n');
        const voices = backend.voices();
        const voice = voices.find((v) => v.id === flags.voice) ?? voices.find((v) => v.id === (flags.voice ?? voices[0]?.id));
        if (voice) {
          const lic = voice.licence ? ` — licence ${voice.licence}${voice.notice ? ` (${voice.notice})` : ''}` : '';
          console.error(`Voice: ${voice.id} (${voice.description})${lic}`);
        }
      } else {
        console.error('Voice: built-in espeak-ng voice (robotic; load a VieNeu model for natural speech)');
      }
      const started = performance.now();
      let first = 0;
      const request = { text, voice: builtin ? BUILTIN_VOICE_ID : str(flags.voice), seed, speed };
      for await (const chunk of backend.synthesize(request, ac.signal)) {
        if (!first) first = performance.now() - started;
        await writer.write(chunk.samples, chunk.sampleRate);
      }
      await writer.finish();
      const wall = (performance.now() - started) / 1000;
      console.error(
        `Wrote ${out}: ${writer.seconds.toFixed(2)} s of audio in ${wall.toFixed(2)} s (first audio after ${Math.round(first)} ms, real-time factor ${(wall / Math.max(writer.seconds, 1e-9)).toFixed(2)}).`,
      );
      return 0;
    } catch (err) {
      return await abandoned(writer, err);
    } finally {
      process.off('SIGINT', onSigint);
      await backend.unloadModel();
      backend.dispose();
    }
  },
};
