// `vieneu fixtures DIR [--real-shape]`: writes the generated test models so the whole local pipeline can be
// tried offline (`vieneu speak --backbone DIR/backbone.gguf --codec DIR/codec.onnx --voices DIR/voices.json
// --dict DIR/phoneme_dict.json "Xin chào"`).
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import { parseArgs, type CliCommand } from './command';

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

export const command: CliCommand = {
  summary: 'write tiny test models (GGUF, ONNX backbone, codec, voices, dictionary) into a folder',
  help: [
    'Usage: vieneu fixtures DIR [--real-shape] [--speech-tokens N]',
    '',
    'Writes into DIR:',
    '  backbone.gguf              tiny qwen2 backbone with the VieNeu special and speech tokens',
    '  backbone-onnx/             the same weights as an optimum-style ONNX decoder with KV cache,',
    '                             plus tokenizer.json and config.json',
    '  codec.onnx                 a NeuCodec-shaped decoder (codes int32 [1,1,T] -> 480 samples per code)',
    '  voices.json                two fixture voices in upstream format',
    '  phoneme_dict.json          a small word -> IPA dictionary',
    '  v3-turbo/                  a tiny VieNeu-TTS v3 Turbo folder (prefill/decode-step/acoustic graphs',
    '                             sharing vieneu_backbone_shared.data, heads .npz, config, tokenizer, voices,',
    '                             sea_g2p.bin: a small sea-g2p dictionary of the fixture words)',
    '  moss-codec/                a MOSS-Audio-Tokenizer-Nano-shaped streaming codec (48 kHz)',
    '  v3-turbo/speaker_encoder.onnx, v3-turbo/denoiser.onnx',
    '                             cloning graphs: fbank -> 192-d embedding; mag/cos/sin -> sep_*',
    '  moss-codec/moss_audio_tokenizer_encode.onnx',
    '                             MOSS encoder: waveform (1,2,n) 48 kHz -> audio_codes (1,T,16)',
    '',
    'Options:',
    '  --real-shape               also write a GGUF with the real 0.5B shape (Q4_0, about 300 MB)',
    '  --speech-tokens N          speech tokens of the tiny backbone (default 1024; the real models have 65536)',
  ].join('\n'),
  async run(args) {
    const { flags, positional } = parseArgs(args, { values: ['speech-tokens'], booleans: ['real-shape'] });
    if (positional.length !== 1) throw new UserError(t('localFixturesUsage'), 'bad-input');
    const speechTokens = flags['speech-tokens'] === undefined ? undefined : Number(flags['speech-tokens']);
    if (speechTokens !== undefined && (!Number.isInteger(speechTokens) || speechTokens < 2 || speechTokens > 65536)) {
      throw new UserError(t('localFixturesSpeechTokens'), 'bad-input');
    }
    const { writeFixtures } = require('../local/fixtures/writeFixtures') as typeof import('../local/fixtures/writeFixtures');
    writeFixtures(positional[0], {
      speechTokens,
      realShape: flags['real-shape'] === true,
      onWrite: (file: string, bytes: number) => console.log(t('localFixturesWrote', file, size(bytes))),
    });
    return 0;
  },
};
