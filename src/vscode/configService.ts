// Reads the three configuration sources for the core's resolveConfig (settings the user set, the optional
// config.yaml, the environment) and re-resolves when any of them changes. Never writes config.yaml.
import * as vscode from 'vscode';
import { checkConfigYamlSize, resolveConfig, type ResolvedConfig, type SettingsSnapshot } from '../core/config';
import { describeError, UserError } from '../core/errors';
import { Emitter } from '../core/events';
import { t } from '../core/strings';
import type { Log } from './log';
import { showWarning } from './notify';

const SETTING_KEYS = [
  'mode',
  'local.backbone',
  'local.codec',
  'local.device',
  'local.threads',
  'local.modelsPath',
  'local.seaG2pDictionary',
  'local.builtinVoice',
  'colab.endpoint',
  'colab.fallbackEndpoints',
  'colab.fallbackToLocal',
  'colab.healthIntervalSeconds',
  'colab.requestTimeoutSeconds',
  'voice',
  'speed',
  'player',
];

export class ConfigService implements vscode.Disposable {
  private resolved: ResolvedConfig;
  private readonly emitter = new Emitter<ResolvedConfig>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;
  private shownProblems = new Set<string>();

  constructor(private readonly log: Log) {
    this.resolved = resolveConfig({ settings: this.readSettings(), env: process.env });
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('vieneu')) {
          if (e.affectsConfiguration('vieneu.configFile')) this.watchYaml();
          void this.reload();
        }
      }),
    );
    this.watchYaml();
  }

  get current(): ResolvedConfig {
    return this.resolved;
  }

  /** The config.yaml location, or undefined without a workspace folder. */
  yamlUri(): vscode.Uri | undefined {
    const rel = vscode.workspace.getConfiguration('vieneu').get<string>('configFile', '.vieneu/config.yaml');
    if (!rel) return undefined;
    if (rel.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rel)) return vscode.Uri.file(rel);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, rel) : undefined;
  }

  async reload(): Promise<ResolvedConfig> {
    let yamlText: string | undefined;
    let tooLarge: UserError | undefined;
    const uri = this.yamlUri();
    if (uri) {
      try {
        // Sized before it is read: a huge file is refused without holding it in the extension host.
        tooLarge = checkConfigYamlSize((await vscode.workspace.fs.stat(uri)).size);
        if (!tooLarge) yamlText = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch (err) {
        if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) {
          this.log.warn(t('configUnreadable', String(err)));
        }
      }
    }
    try {
      this.resolved = resolveConfig({ settings: this.readSettings(), yamlText, env: process.env });
      if (tooLarge) this.resolved.problems.unshift(tooLarge);
    } catch (err) {
      // Whatever goes wrong, the user hears of it and the previous configuration stays in force.
      this.resolved = { ...this.resolved, problems: [new UserError(t('limitConfigReloadFailed', describeError(err)), 'config')] };
    }
    this.reportProblems();
    this.emitter.fire(this.resolved);
    return this.resolved;
  }

  private readSettings(): SettingsSnapshot {
    const cfg = vscode.workspace.getConfiguration('vieneu');
    const out: SettingsSnapshot = {};
    for (const key of SETTING_KEYS) {
      const i = cfg.inspect(key);
      const v = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  private watchYaml(): void {
    this.watcher?.dispose();
    const uri = this.yamlUri();
    if (!uri) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop()!));
    const onChange = () => void this.reload();
    this.watcher.onDidChange(onChange);
    this.watcher.onDidCreate(onChange);
    this.watcher.onDidDelete(onChange);
  }

  private reportProblems(): void {
    for (const p of this.resolved.problems) {
      this.log.warn(p.display);
      if (this.shownProblems.has(p.message)) continue;
      this.shownProblems.add(p.message);
      const open = t('actionOpenConfig');
      void showWarning(p.display, open).then((picked) => {
        const uri = this.yamlUri();
        if (picked === open && uri) void vscode.window.showTextDocument(uri);
      });
    }
  }

  dispose(): void {
    this.watcher?.dispose();
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
