// Every contributed command, registered in one place and mapped to the controller that does the work.
// Command ids are declared in package.json (contributes.commands); a unit test keeps the two lists equal.
import * as vscode from 'vscode';
import type { UserActions } from '../app/userActions';
import { SPEAK_WITH_LOCAL_COMMAND, type BackendManager } from '../core/backendManager';
import type { BackendId } from '../core/types';
import type { Log } from './log';
import { guarded } from './notify';
import type { SpeechController } from './speechController';
import { pickBackend } from './statusBar';

/** Work the shell delegates to the backend and panel controllers. */
export interface CommandTargets {
  manager: BackendManager;
  actions: UserActions;
  speech: SpeechController;
  log: Log;
  openAdminPanel(): Promise<void>;
  generateColabNotebook(): Promise<void>;
  /** Asks for the URL and token, unless a script gives them. */
  connectColab(given?: { endpoint: string; token?: string }): Promise<unknown>;
  disconnectColab(): Promise<void>;
  testColabConnection(): Promise<unknown>;
  loadLocalModel(): Promise<unknown>;
  /** Quick pick of the local models with size and licence; a script may name one. */
  chooseLocalModel(id?: string): Promise<string | undefined>;
  unloadLocalModel(): Promise<void>;
  /** Folder picker: sets vieneu.local.modelsPath, or with 'backbone' vieneu.local.backbone. */
  chooseModelsFolder(what?: 'backbone'): Promise<string | undefined>;
  setHuggingFaceToken(value?: string): Promise<boolean | undefined>;
  chooseVoice(id?: string): Promise<string | undefined>;
  cloneVoiceFromFile(): Promise<unknown>;
}

export const COMMAND_IDS = [
  'vieneu.speakSelection',
  'vieneu.speakFromCursor',
  'vieneu.pauseSpeaking',
  'vieneu.stopSpeaking',
  'vieneu.switchBackend',
  'vieneu.chooseVoice',
  'vieneu.openAdminPanel',
  'vieneu.generateColabNotebook',
  'vieneu.connectColab',
  'vieneu.disconnectColab',
  'vieneu.testColabConnection',
  'vieneu.loadLocalModel',
  'vieneu.chooseLocalModel',
  'vieneu.unloadLocalModel',
  'vieneu.chooseModelsFolder',
  'vieneu.saveSelectionAsAudio',
  'vieneu.setHuggingFaceToken',
  'vieneu.showLog',
  'vieneu.cloneVoiceFromFile',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

export function registerCommands(x: CommandTargets): vscode.Disposable[] {
  const switchTo = async (id?: BackendId) => {
    const target = id ?? (await pickBackend(x.manager));
    if (!target) return undefined;
    const out = x.actions.switchBackend(target); // throws the "Cannot switch to …" UserError with its fix
    void vscode.window.setStatusBarMessage(out.message, 3000);
    return target;
  };
  const handlers: Record<CommandId, (...args: any[]) => unknown> = {
    'vieneu.speakSelection': () => x.speech.speakSelection(),
    'vieneu.speakFromCursor': () => x.speech.speakFromCursor(),
    'vieneu.pauseSpeaking': () => x.speech.togglePause(),
    'vieneu.stopSpeaking': () => x.speech.stop(),
    'vieneu.switchBackend': (id?: BackendId) => switchTo(id),
    'vieneu.chooseVoice': (id?: string) => x.chooseVoice(typeof id === 'string' ? id : undefined),
    'vieneu.openAdminPanel': () => x.openAdminPanel(),
    'vieneu.generateColabNotebook': () => x.generateColabNotebook(),
    'vieneu.connectColab': (given?: { endpoint?: unknown; token?: unknown }) =>
      x.connectColab(typeof given?.endpoint === 'string' ? { endpoint: given.endpoint, token: typeof given.token === 'string' ? given.token : '' } : undefined),
    'vieneu.disconnectColab': () => x.disconnectColab(),
    'vieneu.testColabConnection': () => x.testColabConnection(),
    'vieneu.loadLocalModel': () => x.loadLocalModel(),
    'vieneu.chooseLocalModel': (id?: string) => x.chooseLocalModel(typeof id === 'string' ? id : undefined),
    'vieneu.unloadLocalModel': () => x.unloadLocalModel(),
    'vieneu.chooseModelsFolder': (what?: string) => x.chooseModelsFolder(what === 'backbone' ? 'backbone' : undefined),
    'vieneu.saveSelectionAsAudio': (uri?: vscode.Uri) => x.speech.saveSelectionAsAudio(uri instanceof vscode.Uri ? uri : undefined),
    'vieneu.setHuggingFaceToken': (value?: string) => x.setHuggingFaceToken(typeof value === 'string' ? value : undefined),
    'vieneu.showLog': () => x.log.show(),
    'vieneu.cloneVoiceFromFile': () => x.cloneVoiceFromFile(),
  };
  return [
    ...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, guarded(x.log, handlers[id]))),
    // Not in the palette: the button of the message that Colab stopped answering while Local is ready.
    vscode.commands.registerCommand(
      SPEAK_WITH_LOCAL_COMMAND,
      guarded(x.log, async () => {
        x.actions.switchBackend('local');
        return x.speech.replay();
      }),
    ),
  ];
}
