// Every user-facing sentence of the core and the extension, in English, in one place.
// Vietnamese lives in l10n/bundle.l10n.vi.json keyed by the same English text (vscode.l10n's scheme);
// a unit test keeps the two in step. Placeholders are {0}, {1}, ... as in vscode.l10n.t.

export const MESSAGES = {
  // Backend switching (the seed's wording, which users know)
  cannotSwitchColab: 'Cannot switch to Colab: Not connected to Colab backend',
  cannotSwitchLocal: 'Cannot switch to Local: No local model loaded',
  fixConnectColab: 'Generate the Colab notebook, run it, then connect with its URL and token.',
  fixLoadLocal: 'Run "VieNeu: Load Local Model" or enable the built-in voice.',
  switchedTo: 'VieNeu: now speaking with the {0} backend.',
  noBackendReady: 'No VieNeu backend is ready. Load a local model or connect to Colab.',
  backendNotReady: 'The {0} backend is not ready: {1}',

  // Names
  backendLocal: 'Local',
  backendColab: 'Colab',
  stateIdle: 'not ready',
  stateBusy: 'working',
  stateReady: 'ready',
  stateError: 'error',
  notConnected: 'Not connected',
  noModelLoaded: 'No local model loaded',
  builtinVoiceReady: 'Built-in voice (robotic, espeak-ng)',

  // Actions offered in messages
  actionLoadModel: 'Load Model',
  actionConnectColab: 'Connect to Colab',
  actionOpenPanel: 'Open Admin Panel',
  actionOpenConfig: 'Open config.yaml',

  // Speaking
  nothingToSpeak: 'Nothing to speak: select some text, or put the cursor in a paragraph.',
  noEditor: 'Open a text editor first: VieNeu reads the selection of the active editor.',
  speaking: 'Speaking with {0}…',
  stopped: 'Stopped speaking.',
  savedAudio: 'Saved {0} ({1} s of audio).',
  savingAudio: 'VieNeu: writing audio…',

  // Configuration
  configYamlBroken: 'config.yaml is not valid YAML at line {0}, column {1}: {2}. Fix the file; VieNeu keeps using your settings until then and never rewrites it.',
  configYamlShape: 'config.yaml: {0}. Fix the file; VieNeu keeps using your settings until then.',
  configUnreadable: 'config.yaml could not be read: {0}',

  // Secrets
  secretStored: 'Stored in VS Code secret storage.',
} as const;

export type MessageId = keyof typeof MESSAGES;

export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;

/** English with {n} placeholders filled in: the CLI's localizer and the default. */
export const formatEnglish: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

let localize: Localize = formatEnglish;

/** The extension installs vscode.l10n.t here at activation; the CLI keeps English. */
export function setLocalizer(l: Localize): void {
  localize = l;
}

export function t(id: MessageId, ...args: Array<string | number | boolean>): string {
  return localize(MESSAGES[id], ...args);
}
