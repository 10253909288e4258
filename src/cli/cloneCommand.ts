// `vieneu clone AUDIO --name NAME [--backbone DIR] [--codec DIR] [--denoise] --out voice.json`: clones a voice
// on this machine (nothing is uploaded) into a voices_v3_turbo.json-format file with one preset.
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import { parseArgs, type CliCommand } from './command';

const HELP = `Usage: vieneu clone AUDIO --name NAME --out voice.json [--backbone DIR] [--codec DIR] [--denoise] [--threads N]

Clones a voice for VieNeu-TTS v3 Turbo from 3–8 s of one person speaking, offline: the recording never leaves
this machine. AUDIO is a WAV, FLAC, MP3 or Ogg Vorbis file (any rate and channel count); silent edges are
trimmed and the first 8 s are used.

Options:
  --name NAME       the voice's name in the file
  --out FILE        where to write the voice (voices_v3_turbo.json format, one preset)
  --backbone DIR    v3 Turbo model folder holding speaker_encoder.onnx (and denoiser.onnx)
  --codec DIR       MOSS audio tokenizer folder holding moss_audio_tokenizer_encode.onnx
  --denoise         clean up background noise first (denoiser.onnx; slower)
  --threads N       onnxruntime threads (default: half the cores)

Try it offline: vieneu fixtures /tmp/fx && vieneu clone me.wav --name Me --backbone /tmp/fx/v3-turbo \\
  --codec /tmp/fx/moss-codec --out me.json

${t('cloneRightsReminder')}`;

function folder(flag: string | boolean | undefined, what: string, file: string): string {
  const dir = typeof flag === 'string' ? flag : '';
  if (!dir || !fs.existsSync(path.join(dir, file))) {
    throw new UserError(t('cloneCliNotFolder', dir || `(no --${what === 'v3 Turbo' ? 'backbone' : 'codec'})`, what), 'bad-input', t('cloneCliNotFolderFix'));
  }
  return dir;
}

export const command: CliCommand = {
  summary: 'clone a voice from an audio file for v3 Turbo, offline (speaker embedding + reference codes)',
  help: HELP,
  async run(args) {
    const { flags, positional } = parseArgs(args, { values: ['name', 'out', 'backbone', 'codec', 'threads'], booleans: ['denoise'] });
    if (positional.length !== 1 || typeof flags.name !== 'string') throw new UserError(t('cloneCliUsage'), 'bad-input');
    if (typeof flags.out !== 'string') throw new UserError(t('cloneCliNoOut'), 'bad-input');
    const threads = flags.threads === undefined ? undefined : Number(flags.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
      throw new UserError(`--threads needs a whole number from 1 to 64, got "${String(flags.threads)}".`, 'bad-input');
    }
    const { checkVoiceName, clonedVoicesFile, writeVoicesFile } = require('../local/clone/clonedVoice') as typeof import('../local/clone/clonedVoice');
    const { CLONE_FILES, cloneModelPaths } = require('../local/clone/cloneModelFiles') as typeof import('../local/clone/cloneModelFiles');
    const { VoiceCloner } = require('../local/clone/cloneVoice') as typeof import('../local/clone/cloneVoice');
    const name = checkVoiceName(flags.name);
    const backbone = folder(flags.backbone, 'v3 Turbo', CLONE_FILES.speakerEncoder);
    const codec = folder(flags.codec, 'MOSS codec', CLONE_FILES.mossEncode);
    console.error(t('cloneRightsReminder'));
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    const cloner = await VoiceCloner.load(cloneModelPaths(backbone, codec), { threads, denoise: flags.denoise === true });
    try {
      const stageText = { decode: 'cloneStageDecode', trim: 'cloneStageTrim', denoise: 'cloneStageDenoise', speaker: 'cloneStageSpeaker', codes: 'cloneStageCodes' } as const;
      const voice = await cloner.cloneFile(positional[0], {
        denoise: flags.denoise === true,
        signal: ac.signal,
        onStage: (s) => console.error(t(stageText[s])),
      });
      writeVoicesFile(
        flags.out,
        clonedVoicesFile(
          name,
          { description: `Cloned from ${path.basename(positional[0])}`, speaker_emb: Array.from(voice.speakerEmbedding), codes: voice.codes },
          { source: path.basename(positional[0]), seconds: Number(voice.seconds.toFixed(2)), denoised: voice.denoised, created: new Date().toISOString() },
        ),
      );
      console.log(t('cloneCliWrote', name, flags.out, voice.codes.length, voice.seconds.toFixed(1)));
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
      await cloner.dispose();
    }
  },
};
