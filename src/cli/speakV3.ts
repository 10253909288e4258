// `vieneu speak` on a v3 Turbo folder: the v3 engine at 48 kHz, voices from voices_v3_turbo.json, phonemes
// from --phonemes or sea-g2p (src/local/v3/v3TextFrontEnd.ts).
import * as fs from 'fs';
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import type { AudioChunk } from '../core/types';
import { loadV3Model } from '../local/v3/loadV3';
import { V3Engine } from '../local/v3/v3Engine';
import { phonemeFrontEnd, type V3FrontEnd } from '../local/v3/v3FrontEnd';
import { findV3Voice, readV3Voices, voiceShape } from '../local/v3/v3Voices';
import { stretchAudio, TimeStretcher } from '../local/streaming/timeStretch';

export interface SpeakV3Options {
  text: string;
  backbone: string;
  codec?: string;
  voices?: string;
  voice?: string;
  phonemes?: string;
  dictionary?: string;
  threads?: number;
  seed?: number;
  /** Speaking rate 0.5–2 (time stretch, pitch kept). */
  speed?: number;
  signal: AbortSignal;
  write(chunk: AudioChunk): Promise<void>;
}

async function frontEnd(o: SpeakV3Options): Promise<V3FrontEnd> {
  if (o.phonemes) return phonemeFrontEnd(o.phonemes);
  const { loadV3FrontEnd } = require('../local/v3/v3TextFrontEnd') as typeof import('../local/v3/v3TextFrontEnd');
  const fe = await loadV3FrontEnd({ dictionary: o.dictionary, folder: o.backbone });
  if (fe.g2p === 'v1-phonemizer') console.error(t('v3CliStopgapG2p', o.backbone));
  return fe;
}

export async function speakV3(o: SpeakV3Options): Promise<{ firstMs: number; seconds: number }> {
  if (!o.codec) throw new UserError(t('v3CliNeedsCodec'), 'bad-input', t('v3CodecFix'));
  const model = await loadV3Model(o.backbone, o.codec, { threads: o.threads, voices: o.voices });
  try {
    // A voices file (what `vieneu clone` writes) speaks with its default voice.
    const voiceFile = o.voice && /\.json$/i.test(o.voice) && fs.existsSync(o.voice) ? o.voice : undefined;
    const voice = voiceFile ? findV3Voice(readV3Voices(voiceFile, voiceShape(model.runner))) : findV3Voice(model.voices, o.voice);
    if (!voice) throw new UserError(t('localUnknownVoice', o.voice ?? '', model.voices.voices.map((v) => v.id).join(', ')), 'bad-input');
    const lic = voice.licence ? ` — licence ${voice.licence}` : '';
    console.error(t('v3CliVoice', voice.id, voice.description) + lic);
    const engine = new V3Engine({ runner: model.runner, codec: model.codec, frontEnd: await frontEnd(o) });
    const started = performance.now();
    let firstMs = 0;
    let samples = 0;
    const audio = engine.synthesize({ text: o.text, voice, seed: o.seed }, o.signal);
    // The model has no rate control: as in the extension, the rate is applied to its audio, pitch kept.
    for await (const chunk of TimeStretcher.needed(o.speed) ? stretchAudio(audio, o.speed) : audio) {
      if (!firstMs) firstMs = performance.now() - started;
      samples += chunk.samples.length;
      await o.write(chunk);
    }
    return { firstMs, seconds: samples / engine.sampleRate };
  } finally {
    await model.dispose();
  }
}
