// The v1 prompt formats, per model (catalogue `promptStyle`). 'chat-v1' is what the v1 GGUF and torch paths
// send; 'compact' is upstream's newer form without the chat words. Reference codes close the prompt so the
// model continues in that voice.
import type { PromptStyle } from '../models/catalogue';

export function speechTokens(codes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < codes.length; i++) s += `<|speech_${codes[i]}|>`;
  return s;
}

export function buildPrompt(style: PromptStyle, refPhones: string, inputPhones: string, refCodes: ArrayLike<number>): string {
  const text = `<|TEXT_PROMPT_START|>${refPhones} ${inputPhones}<|TEXT_PROMPT_END|>`;
  const speech = `<|SPEECH_GENERATION_START|>${speechTokens(refCodes)}`;
  return style === 'compact' ? `${text}${speech}` : `user: Convert the text to speech:${text}\nassistant:${speech}`;
}
