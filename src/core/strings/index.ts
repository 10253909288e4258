// Every user-facing sentence of the product, in English and Vietnamese, declared in the tables of this folder
// (one file per area). The extension shows them through vscode.l10n.t, whose Vietnamese bundle
// (l10n/bundle.l10n.vi.json) the build writes from these tables; the CLI picks by $LANG.
// Placeholders are {0}, {1}, ... as in vscode.l10n.t.
import { CLONE_MESSAGES } from './clone';
import { CORE_MESSAGES } from './core';
import { LIMIT_MESSAGES } from './limits';
import { LOCAL_MESSAGES } from './local';
import { LOCAL_V3_MESSAGES } from './localV3';
import { REMOTE_MESSAGES } from './remote';
import { SEA_MESSAGES } from './sea';
import { TEXT_MESSAGES } from './text';
import { UI_MESSAGES } from './ui';
import type { MessageTable } from './table';

export type { MessageTable } from './table';

export const MESSAGES = {
  ...CORE_MESSAGES,
  ...TEXT_MESSAGES,
  ...LOCAL_MESSAGES,
  ...LOCAL_V3_MESSAGES,
  ...REMOTE_MESSAGES,
  ...UI_MESSAGES,
  ...SEA_MESSAGES,
  ...LIMIT_MESSAGES,
  ...CLONE_MESSAGES,
} satisfies MessageTable;

export type MessageId = keyof typeof MESSAGES;

export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;

export function fill(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** English with {n} placeholders filled in. */
export const formatEnglish: Localize = (message, ...args) => fill(message, args);

let localize: Localize = formatEnglish;

/**
 * The extension installs vscode.l10n.t here at activation (it is keyed by the English text); the CLI calls
 * useLanguage() with $LANG.
 */
export function setLocalizer(l: Localize): void {
  localize = l;
}

/** Localizer that reads the tables directly: for the CLI and tests. */
export function useLanguage(lang: string | undefined): void {
  const vi = !!lang && /^vi\b|^vi[-_]/i.test(lang);
  if (!vi) {
    localize = formatEnglish;
    return;
  }
  const byEnglish = new Map<string, string>(Object.values(MESSAGES as MessageTable).map((m) => [m.en, m.vi]));
  localize = (message, ...args) => fill(byEnglish.get(message) || message, args);
}

export function t(id: MessageId, ...args: Array<string | number | boolean>): string {
  return localize((MESSAGES as MessageTable)[id].en, ...args);
}
