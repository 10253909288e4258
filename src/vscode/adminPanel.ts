// The admin panel's webview host: one WebviewPanel with the strict-CSP page from dist/webview/panel.js, its
// messages validated and handed to PanelController, the controller's messages posted to the page, and the
// page kept alive (set again when it does not start).
import * as vscode from 'vscode';
import { t } from '../core/strings';
import type { Log } from './log';
import { PanelController, type PanelDeps } from './panel/panelController';
import { parseFromPanel, type ToPanel } from './panel/protocol';
import { webviewHtml } from './webviewHtml';

const ADMIN_PANEL_VIEW_TYPE = 'vieneu.adminPanel';
/**
 * How long a shown panel page may take to say "ready" before its content is set again. A webview that is not
 * kept while hidden is rebuilt when shown, and that load has been seen to come up blank (about 1 run in 3 of
 * a UI test on a busy 2-core machine, after the notebook editor had covered the panel).
 */
const PAGE_READY_TIMEOUT_MS = 5000;
const PAGE_RELOADS = 4;
const SENT_KEPT = 200;

export interface AdminPanelDeps extends Omit<PanelDeps, 'post' | 'runCommand' | 'log'> {
  context: vscode.ExtensionContext;
  log: Log;
}

/** The commands a notice's button may run: the extension's own, and the settings editor. */
function panelMayRun(command: string): boolean {
  return command.startsWith('vieneu.') || command === 'workbench.action.openSettings';
}

export class AdminPanel implements vscode.Disposable {
  readonly controller: PanelController;
  private panel: vscode.WebviewPanel | undefined;
  /** For tests only (nothing in the product reads it): the last SENT_KEPT messages sent to the page. */
  readonly sent: ToPanel[] = [];
  /** Pages loaded (the script URL carries it, so a reload is a new load) and reloads since the last "ready". */
  private loads = 0;
  private reloads = 0;
  private readyTimer: NodeJS.Timeout | undefined;
  /** For tests: pages set again because they did not start. */
  pageReloads = 0;

  constructor(private readonly d: AdminPanelDeps) {
    this.controller = new PanelController({
      ...d,
      post: (msg) => {
        this.sent.push(msg);
        if (this.sent.length > SENT_KEPT) this.sent.shift();
        void this.panel?.webview.postMessage(msg);
      },
      runCommand: async (command, args) => {
        if (!panelMayRun(command)) throw new Error(`the panel may not run ${command}`);
        await vscode.commands.executeCommand(command, ...args);
      },
      log: (l) => d.log.info(l),
    });
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
      let msg;
      try {
        msg = parseFromPanel(raw);
      } catch (err) {
        this.controller.refused(raw, err);
        return;
      }
      try {
        await this.controller.handle(msg);
      } catch (err) {
        this.d.log.warn(`admin panel: ${(err as Error).message}`);
      }
    });
    let visible = true;
    panel.onDidChangeViewState(() => {
      // Shown again after being hidden (not merely focused): the page is being rebuilt and must say "ready".
      // A new showing gets the whole retry budget again: an earlier episode may have used it up.
      if (panel.visible && !visible) {
        this.reloads = 0;
        this.expectPage(panel);
      }
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
    // Backing off (5, 10, 20, 40 s): a webview host that is briefly too busy to load the page gets time to recover.
    const waitMs = PAGE_READY_TIMEOUT_MS * 2 ** this.reloads;
    this.readyTimer = setTimeout(() => {
      if (this.panel !== panel || !panel.visible) return;
      if (this.reloads >= PAGE_RELOADS) {
        this.d.log.warn(`admin panel: the page did not start after ${PAGE_RELOADS} reloads`);
        return;
      }
      this.reloads++;
      this.pageReloads++;
      this.d.log.warn(`admin panel: the page did not start within ${waitMs / 1000} s; setting it again`);
      this.setPage(panel);
    }, waitMs);
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

  /** For tests: runs a panel request as if the page had sent it (a refused one gets the page's treatment). */
  async request(raw: unknown): Promise<void> {
    let msg;
    try {
      msg = parseFromPanel(raw);
    } catch (err) {
      this.controller.refused(raw, err);
      throw err;
    }
    return this.controller.handle(msg);
  }

  dispose(): void {
    clearTimeout(this.readyTimer);
    this.panel?.dispose();
    this.controller.dispose();
  }
}
