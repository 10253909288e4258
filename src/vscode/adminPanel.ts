// The admin panel's webview host: one WebviewPanel with the strict-CSP page from dist/webview/panel.js, its
// messages validated and handed to PanelController, and the VS Code parts the controller needs (notebook
// editor, save dialog, clipboard, audio file picker, settings, global state for custom voices).
import * as os from 'os';
import * as vscode from 'vscode';
import type { ReferenceVoice } from '../core/types';
import { t } from '../core/strings';
import type { Log } from './log';
import { PanelController, PREVIEW_TEXT, type CustomVoiceRecord, type PanelDeps, type PanelHost } from './panel/panelController';
import { parseFromPanel, type ToPanel } from './panel/protocol';
import { webviewHtml } from './webviewHtml';

export const ADMIN_PANEL_VIEW_TYPE = 'vieneu.adminPanel';
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
        await vscode.workspace.fs.writeFile(uri, Buffer.from(json, 'utf8'));
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
    const dist = vscode.Uri.joinPath(this.d.context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(ADMIN_PANEL_VIEW_TYPE, t('uiPanelTitle'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
      // No retainContextWhenHidden: the page keeps its own state (getState/setState) and asks for a fresh
      // picture when shown again, which costs nothing while hidden.
    });
    panel.webview.html = webviewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.js')).toString(),
      title: t('uiPanelTitle'),
      lang: vscode.env.language,
    });
    panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      try {
        await this.controller.handle(parseFromPanel(raw));
      } catch (err) {
        this.d.log.warn(`admin panel: ${(err as Error).message}`);
      }
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    this.panel = panel;
  }

  /** Runs a panel request as if the page had sent it (commands reuse the panel's logic; tests drive it). */
  request(raw: unknown): Promise<void> {
    return this.controller.handle(parseFromPanel(raw));
  }

  dispose(): void {
    this.panel?.dispose();
    this.controller.dispose();
  }
}
