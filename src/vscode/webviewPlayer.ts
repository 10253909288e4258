// Hosts the player page: a WebviewView in the panel area ("VieNeu Player") when package.json contributes it,
// otherwise a small webview panel beside the editor. Either way the page plays on the user's own machine,
// even when this extension host runs remotely (SSH, WSL, containers), and retainContextWhenHidden keeps it
// alive so the one click Chromium's autoplay policy asks for is not lost when the view is hidden.
import * as vscode from 'vscode';
import { UserError } from '../core/errors';
import { Emitter } from '../core/events';
import { t } from '../core/strings';
import type { Log } from './log';
import { parseFromPlayer, type FromPlayer, type PlayerStringId } from './player/protocol';
import { WebviewPlayerCore, type PlayerChannel } from './player/webviewPlayerCore';
import { webviewHtml } from './webviewHtml';

export const PLAYER_VIEW_ID = 'vieneu.player';
const READY_TIMEOUT_S = 15;

export class WebviewPlayerHost implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly player: WebviewPlayerCore;
  private webview: vscode.Webview | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private view: vscode.WebviewView | undefined;
  private readyWaiters: Array<() => void> = [];
  private isReady = false;
  private readonly messages = new Emitter<FromPlayer>();
  private readonly disposables: vscode.Disposable[] = [];
  private toldAboutGesture = false;
  /** Last audio state the page reported ('suspended' until the user clicked once). */
  audioState: string = 'unknown';

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly onStopRequested: () => void,
  ) {
    this.player = new WebviewPlayerCore({
      ready: (signal) => this.ready(signal),
      onGestureNeeded: () => this.tellAboutGesture(),
      onStopRequested: () => this.onStopRequested(),
    });
    if (this.viewContributed()) {
      this.disposables.push(vscode.window.registerWebviewViewProvider(PLAYER_VIEW_ID, this, { webviewOptions: { retainContextWhenHidden: true } }));
    }
  }

  private viewContributed(): boolean {
    const views = (this.context.extension.packageJSON as { contributes?: { views?: Record<string, Array<{ id: string }>> } }).contributes?.views ?? {};
    return Object.values(views).some((list) => list.some((v) => v.id === PLAYER_VIEW_ID));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.attach(view.webview);
    view.onDidDispose(() => this.detach(view.webview));
  }

  private attach(webview: vscode.Webview): void {
    this.webview = webview;
    this.isReady = false;
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    webview.options = { enableScripts: true, localResourceRoots: [dist] };
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'player.js')).toString(),
      title: t('uiPlayerTitle'),
      lang: vscode.env.language,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        let msg: FromPlayer;
        try {
          msg = parseFromPlayer(raw);
        } catch (err) {
          this.log.warn(`player: ${(err as Error).message}`);
          return;
        }
        if (msg.type === 'ready') {
          this.audioState = msg.audio;
          const strings: Record<PlayerStringId, string> = {
            uiPlayerIdle: t('uiPlayerIdle'),
            uiPlayerSpeaking: t('uiPlayerSpeaking'),
            uiPlayerPreparing: t('uiPreparing'),
            uiPlayerGesture: t('uiPlayerGesture'),
            uiPlayerGestureButton: t('uiPlayerGestureButton'),
            uiPlayerStop: t('uiPlayerStop'),
            uiPlayerPaused: t('uiPlayerPaused'),
            uiPlayerPause: t('uiPlayerPause'),
            uiPlayerResume: t('uiPlayerResume'),
          };
          void webview.postMessage({ type: 'init', strings });
          this.isReady = true;
          for (const w of this.readyWaiters.splice(0)) w();
        }
        if (msg.type === 'gestureGranted') this.audioState = 'running';
        if (msg.type === 'stats') this.audioState = msg.audio;
        this.messages.fire(msg);
      }),
    );
  }

  private detach(webview: vscode.Webview): void {
    if (this.webview !== webview) return;
    this.webview = undefined;
    this.view = undefined;
    this.panel = undefined;
    this.isReady = false;
  }

  /** Makes sure the page exists and said ready, without taking the keyboard away from the editor. */
  private async ready(signal: AbortSignal): Promise<PlayerChannel> {
    if (!this.webview) await this.reveal(true);
    else if (this.view && !this.view.visible) this.view.show(true);
    if (!this.isReady) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new UserError(t('uiPlayerNotReady', READY_TIMEOUT_S), 'timeout', t('uiSystemPlayerHint'))), READY_TIMEOUT_S * 1000);
        const done = () => (clearTimeout(timer), resolve());
        this.readyWaiters.push(done);
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
      });
    }
    const webview = this.webview!;
    return {
      post: (msg) => void webview.postMessage(msg),
      onMessage: (l) => this.messages.event(l),
    };
  }

  /** Shows the player; `preserveFocus` keeps the cursor in the editor. */
  async reveal(preserveFocus: boolean): Promise<void> {
    if (this.viewContributed()) {
      if (this.view) return this.view.show(preserveFocus);
      const editor = vscode.window.activeTextEditor;
      await vscode.commands.executeCommand(`${PLAYER_VIEW_ID}.focus`);
      if (preserveFocus && editor) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection });
      return;
    }
    if (this.panel) return this.panel.reveal(undefined, preserveFocus);
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(
      PLAYER_VIEW_ID,
      t('uiPlayerTitle'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [dist] },
    );
    const panel = this.panel;
    this.attach(panel.webview);
    panel.onDidDispose(() => this.detach(panel.webview));
  }

  private tellAboutGesture(): void {
    void this.reveal(false);
    if (this.toldAboutGesture) return;
    this.toldAboutGesture = true;
    void vscode.window.showInformationMessage(t('uiPlayerGestureNotice'), t('uiShowPlayer')).then((pick) => (pick ? this.reveal(false) : undefined));
  }

  dispose(): void {
    this.panel?.dispose();
    this.messages.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
