// config.json of a v3 Turbo folder: the sizes and token ids the engine needs, with upstream's class defaults
// for the optional ones (configuration_v3_turbo.py).
export interface V3Config {
  nVq: number;
  hidden: number;
  layers: number;
  localLayers: number;
  localHeads: number;
  localHeadDim: number;
  audioPad: number;
  audioVocab: number;
  textVocab: number;
  tps: number;
  tpe: number;
  sgs: number;
  sge: number;
  refSlot: number;
  styleId: number;
  useSpeakerEmbedding: boolean;
  speakerDim: number;
  sampleRate: number;
}

export function parseV3Config(json: Record<string, unknown>): V3Config {
  const num = (key: string, fallback?: number): number => {
    const v = json[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (fallback !== undefined) return fallback;
    throw new Error(`config.json has no number "${key}"`);
  };
  const hidden = num('hidden_size');
  const localHeads = num('local_num_attention_heads', 8);
  return {
    nVq: num('n_vq'),
    hidden,
    layers: num('num_hidden_layers'),
    localLayers: num('local_num_hidden_layers', 1),
    localHeads,
    localHeadDim: hidden / localHeads,
    audioPad: num('audio_pad_token_id'),
    audioVocab: num('audio_vocab_size', num('audio_pad_token_id')),
    textVocab: num('text_vocab_size'),
    tps: num('text_prompt_start_token_id'),
    tpe: num('text_prompt_end_token_id'),
    sgs: num('speech_generation_start_token_id'),
    sge: num('speech_generation_end_token_id'),
    refSlot: num('audio_ref_slot_token_id'),
    styleId: num('default_style_token_id', 16),
    useSpeakerEmbedding: json.use_speaker_embedding === true,
    speakerDim: num('speaker_embedding_dim', 192),
    sampleRate: num('sample_rate', 48000),
  };
}
