// The admin panel's webview host: one WebviewPanel with the strict-CSP page from dist/webview/panel.js, its
// messages validated and handed to PanelController, and the VS Code parts the controller needs (notebook
// editor, save dialog, clipboard, audio file picker, settings, global state for custom voices).
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { addToGitignore, writePrivateFile } from '../notebook/saveNotebook';
import type { ReferenceVoice } from '../core/types';
import { t } from '../core/strings';
import type { Log } from './log';
import { PanelController, PREVIEW_TEXT, type CustomVoiceRecord, type PanelDeps, type PanelHost } from './panel/panelController';
import { parseFromPanel, type ToPanel } from './panel/protocol';
import { webviewHtml } from './webviewHtml';

export const ADMIN_PANEL_VIEW_TYPE = 'vieneu.adminPanel';
/**
 * How long a shown panel page may take to say "ready" before its content is set again. A webview that is not
 * kept while hidden is rebuilt when shown, and that load has been seen to come up blank (about 1 run in 3 of
 * a UI test on a busy 2-core machine, after the notebook editor had covered the panel).
 */
const PAGE_READY_TIMEOUT_MS = 5000;
const PAGE_RELOADS = 3;
const CUSTOM_VOICES_KEY = 'vieneu.customVoices';

export interface AdminPanelDeps extends Omit<PanelDeps, 'host' | 'log'> {
  context: vscode.ExtensionContext;
  log: Log;
  onModeChanged(id: 'local' | 'colab'): void;
  /** Speaks a short sentence with a voice (the Preview button). */
  preview(text: string, voice: string): Promise<void>;
}

/** Custom voices the user added in the panel, kept in global state (codes are not secrets, and not settings). */
export function customVoices(context: vscode.ExtensionContext): CustomVoiceRecord[] {
  return context.globalState.get<CustomVoiceRecord[]>(CUSTOM_VOICES_KEY) ?? [];
}

export function customVoiceReference(context: vscode.ExtensionContext, id: string): ReferenceVoice | undefined {
  const v = customVoices(context).find((x) => x.id === id);
  return v ? { codes: v.codes, text: v.text } : undefined;
}

/** ipynb JSON -> NotebookData in the shape VS Code's built-in ipynb serializer reads back when saving. */
export function notebookData(json: string): vscode.NotebookData {
  const nb = JSON.parse(json) as { cells: Array<{ cell_type: string; source: string[] | string; metadata?: Record<string, unknown> }>; metadata: unknown; nbformat: number; nbformat_minor: number };
  const cells = nb.cells.map((c) => {
    const source = Array.isArray(c.source) ? c.source.join('') : c.source;
    const cell =
      c.cell_type === 'markdown'
        ? new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, source, 'markdown')
        : new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, 'python');
    cell.metadata = { metadata: c.metadata ?? {} };
    return cell;
  });
  const data = new vscode.NotebookData(cells);
  data.metadata = { nbformat: nb.nbformat, nbformat_minor: nb.nbformat_minor, metadata: nb.metadata };
  return data;
}

export class AdminPanel implements vscode.Disposable {
  readonly controller: PanelController;
  private panel: vscode.WebviewPanel | undefined;
  /** For tests: every message sent to the page. */
  readonly sent: ToPanel[] = [];
  /** Pages loaded (the script URL carries it, so a reload is a new load) and reloads since the last "ready". */
  private loads = 0;
  private reloads = 0;
  private readyTimer: NodeJS.Timeout | undefined;
  /** For tests: pages set again because they did not start. */
  pageReloads = 0;

  constructor(private readonly d: AdminPanelDeps) {
    const host: PanelHost = {
      post: (msg) => {
        this.sent.push(msg);
        if (this.sent.length > 200) this.sent.shift();
        void this.panel?.webview.postMessage(msg);
      },
      openNotebook: async (json) => {
        const doc = await vscode.workspace.openNotebookDocument('jupyter-notebook', notebookData(json));
        await vscode.window.showNotebookDocument(doc, { viewColumn: vscode.ViewColumn.Active });
      },
      saveNotebook: async (json, fileName) => {
        const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
        const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(base, fileName), filters: { 'Jupyter Notebook': ['ipynb'] } });
        if (!uri) return undefined;
        // It holds the token: say so, write it for its owner only (0600), and offer to keep it out of git.
        const ignore = t('notebookSaveAndIgnore');
        const picked = await vscode.window.showWarningMessage(t('notebookHoldsToken'), { modal: true }, t('notebookSaveOnly'), ignore);
        if (!picked) return undefined;
        if (uri.scheme !== 'file') {
          await vscode.workspace.fs.writeFile(uri, Buffer.from(json, 'utf8'));
          return uri.fsPath;
        }
        writePrivateFile(uri.fsPath, json);
        if (picked === ignore) addToGitignore(uri.fsPath, vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath));
        return uri.fsPath;
      },
      copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
      pickAudio: async () => {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { [t('uiAudioFiles')]: ['wav', 'mp3', 'flac', 'ogg', 'm4a'] },
          title: t('uiCloneVoice'),
        });
        return picked?.[0] ? vscode.workspace.fs.readFile(picked[0]) : undefined;
      },
      previewVoice: (voice) => this.d.preview(PREVIEW_TEXT, voice),
      setVoice: (voice) => Promise.resolve(vscode.workspace.getConfiguration('vieneu').update('voice', voice, vscode.ConfigurationTarget.Global)),
      setEndpoint: (url) => Promise.resolve(vscode.workspace.getConfiguration('vieneu').update('colab.endpoint', url, vscode.ConfigurationTarget.Global)),
      customVoices: () => customVoices(this.d.context),
      saveCustomVoice: async (v) => {
        const list = customVoices(this.d.context).filter((x) => x.id !== v.id);
        await this.d.context.globalState.update(CUSTOM_VOICES_KEY, [...list, v]);
      },
      onModeChanged: (id) => this.d.onModeChanged(id),
    };
    this.controller = new PanelController({ ...d, host, log: (l) => d.log.info(l) });
  }

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  open(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(ADMIN_PANEL_VIEW_TYPE, t('uiPanelTitle'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.d.context.extensionUri, 'dist', 'webview')],
      // No retainContextWhenHidden: the page keeps its own state (getState/setState) and asks for a fresh
      // picture when shown again, which costs nothing while hidden.
    });
    panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      if ((raw as { type?: unknown } | undefined)?.type === 'ready') this.pageStarted();
      try {
        await this.controller.handle(parseFromPanel(raw));
      } catch (err) {
        this.d.log.warn(`admin panel: ${(err as Error).message}`);
      }
    });
    let visible = true;
    panel.onDidChangeViewState(() => {
      // Shown again after being hidden (not merely focused): the page is being rebuilt and must say "ready".
      if (panel.visible && !visible) this.expectPage(panel);
      visible = panel.visible;
    });
    panel.onDidDispose(() => {
      clearTimeout(this.readyTimer);
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
    this.setPage(panel);
  }

  private setPage(panel: vscode.WebviewPanel): void {
    const script = vscode.Uri.joinPath(this.d.context.extensionUri, 'dist', 'webview', 'panel.js');
    panel.webview.html = webviewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: `${panel.webview.asWebviewUri(script).toString()}?load=${++this.loads}`,
      title: t('uiPanelTitle'),
      lang: vscode.env.language,
    });
    this.expectPage(panel);
  }

  private expectPage(panel: vscode.WebviewPanel): void {
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => {
      if (this.panel !== panel || !panel.visible) return;
      if (this.reloads >= PAGE_RELOADS) {
        this.d.log.warn(`admin panel: the page did not start after ${PAGE_RELOADS} reloads`);
        return;
      }
      this.reloads++;
      this.pageReloads++;
      this.d.log.warn(`admin panel: the page did not start within ${PAGE_READY_TIMEOUT_MS / 1000} s; setting it again`);
      this.setPage(panel);
    }, PAGE_READY_TIMEOUT_MS);
  }

  /** For tests: replaces the page with one that never starts, as a failed load would leave it. */
  breakPageForTest(): void {
    if (!this.panel) return;
    this.panel.webview.html = '<!DOCTYPE html><html><body></body></html>';
    this.expectPage(this.panel);
  }

  private pageStarted(): void {
    clearTimeout(this.readyTimer);
    this.reloads = 0;
  }

  /** Runs a panel request as if the page had sent it (commands reuse the panel's logic; tests drive it). */
  request(raw: unknown): Promise<void> {
    return this.controller.handle(parseFromPanel(raw));
  }

  dispose(): void {
    clearTimeout(this.readyTimer);
    this.panel?.dispose();
    this.controller.dispose();
  }
}
