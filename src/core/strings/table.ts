/** One sentence in both languages, side by side, so a translation can never drift out of sight. */
export interface Message {
  en: string;
  vi: string;
}

export type MessageTable = Record<string, Message>;
