// The text a VieNeu backbone continues: reference phonemes, input phonemes and the reference voice's codes.
// Two formats, chosen per model:
//   'v1-chat'  user: Convert the text to speech:<|TEXT_PROMPT_START|>{ref} {input}<|TEXT_PROMPT_END|>\n
//              assistant:<|SPEECH_GENERATION_START|>{<|speech_N|>...}
//   'compact'  <|TEXT_PROMPT_START|>{ref} {input}<|TEXT_PROMPT_END|><|SPEECH_GENERATION_START|>{codes}
// Token ids are never hard-coded: the model's own tokenizer is asked at run time (checkPromptTokens).
import { UserError } from '../core/errors';
import { t } from '../core/strings';

export type PromptFormat = 'v1-chat' | 'compact';
export const PROMPT_FORMATS: readonly PromptFormat[] = ['v1-chat', 'compact'];
export const DEFAULT_PROMPT_FORMAT: PromptFormat = 'v1-chat';

export const TEXT_PROMPT_START = '<|TEXT_PROMPT_START|>';
export const TEXT_PROMPT_END = '<|TEXT_PROMPT_END|>';
export const SPEECH_GENERATION_START = '<|SPEECH_GENERATION_START|>';
export const SPEECH_GENERATION_END = '<|SPEECH_GENERATION_END|>';
export const MAX_CODE = 65535;

/** What the prompt builder needs from a tokenizer: the id of one piece, or undefined when it has none. */
export interface TokenizerLookup {
  tokenId(piece: string): number | undefined;
}

export interface PromptInput {
  format?: PromptFormat;
  /** Phonemes of the reference voice's transcript. */
  refPhonemes: string;
  /** Phonemes of the text to speak. */
  inputPhonemes: string;
  /** NeuCodec codes of the reference voice (0..65535). */
  refCodes: ArrayLike<number>;
}

export function speechToken(code: number): string {
  return `<|speech_${code}|>`;
}

function checkCode(code: number): void {
  if (!Number.isInteger(code) || code < 0 || code > MAX_CODE) throw new UserError(t('promptBadCode', String(code)), 'bad-input');
}

/** The prompt text; the model continues it with <|speech_N|> tokens until <|SPEECH_GENERATION_END|>. */
export function buildPrompt(input: PromptInput): string {
  let codes = '';
  for (let i = 0; i < input.refCodes.length; i++) {
    checkCode(input.refCodes[i]);
    codes += speechToken(input.refCodes[i]);
  }
  const text = `${TEXT_PROMPT_START}${input.refPhonemes} ${input.inputPhonemes}${TEXT_PROMPT_END}`;
  if ((input.format ?? DEFAULT_PROMPT_FORMAT) === 'compact') return `${text}${SPEECH_GENERATION_START}${codes}`;
  return `user: Convert the text to speech:${text}\nassistant:${SPEECH_GENERATION_START}${codes}`;
}

/** The codes in generated text: every <|speech_N|>, in order. */
export function parseSpeechCodes(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/<\|speech_(\d+)\|>/g)) out.push(Number(m[1]));
  return out;
}

export interface PromptTokenIds {
  textPromptStart: number;
  textPromptEnd: number;
  speechGenerationStart: number;
  /** The stop token. */
  speechGenerationEnd: number;
  /** Id of <|speech_0|>; speech tokens are contiguous when speechTokenId(n) === speech0 + n. */
  speech0: number;
  /** Id of the token for one code (looked up, not computed, so a gap in the vocabulary cannot go unnoticed). */
  speechTokenId(code: number): number | undefined;
}

/**
 * Checks that the tokenizer knows every special token the format needs (and the speech tokens at both ends
 * of the code range) and returns their ids; throws a UserError naming the missing ones otherwise.
 */
export function checkPromptTokens(tokenizer: TokenizerLookup, format: PromptFormat = DEFAULT_PROMPT_FORMAT): PromptTokenIds {
  const pieces = [TEXT_PROMPT_START, TEXT_PROMPT_END, SPEECH_GENERATION_START, SPEECH_GENERATION_END, speechToken(0), speechToken(MAX_CODE)];
  const ids = pieces.map((p) => tokenizer.tokenId(p));
  const missing = pieces.filter((_p, i) => ids[i] === undefined);
  if (missing.length > 0) throw new UserError(t('promptMissingTokens', missing.join(', '), format), 'model', t('promptFixFormat'));
  return {
    textPromptStart: ids[0]!,
    textPromptEnd: ids[1]!,
    speechGenerationStart: ids[2]!,
    speechGenerationEnd: ids[3]!,
    speech0: ids[4]!,
    speechTokenId: (code) => tokenizer.tokenId(speechToken(code)),
  };
}
