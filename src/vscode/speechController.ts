// Speak Selection, Stop Speaking and Save Selection as Audio: editor text -> BackendManager -> Player.
// One utterance at a time: a new Speak stops the previous one, sound and generation alike.
import * as vscode from 'vscode';
import type { BackendManager } from '../core/backendManager';
import { UserError, isAbortError } from '../core/errors';
import { Emitter } from '../core/events';
import { t } from '../core/strings';
import type { AudioChunk, ReferenceVoice, SynthesisRequest } from '../core/types';
import type { Player, PlaybackResult } from '../audio/player';
import { AudioCollector } from '../audio/audioCollector';
import { PlaybackPacer } from '../audio/playbackPacing';
import { normalizeDetailed } from '../text/normalize';
import { sentenceAt, sentenceEnds } from '../text/sentences';
import { noteFirst, synthesizeWithRanges } from './speechStream';
import type { ConfigService } from './configService';
import type { Log } from './log';
import { showInfo } from './notify';
import { textFromCursor, textToSpeak, type SpeakSource } from './textSource';

export interface SpeechStats {
  utterances: number;
  lastResult?: PlaybackResult;
  /** Command -> the player reported first audio (for the webview: scheduled on its audio clock). */
  lastFirstAudioMs?: number;
  /** Command -> the first chunk handed to the player (what the UI adds on top of the backend's own latency). */
  lastHandoffMs?: number;
  /** Chunks the player started (each one highlighted in the editor when it has a text range). */
  lastChunkStarts?: number;
  /** The last range highlighted, as document offsets. */
  lastHighlight?: { start: number; end: number };
  lastError?: string;
  /** Characters of the last utterance the Vietnamese normalizer drops (emoji, Chinese, controls...). */
  lastSkipped?: string[];
}

/**
 * What the user hears, for the status bar and the editor's title: `preparing` from the command until the first
 * sound (a long text must not look idle meanwhile), then `playing` or `paused`, with the sentence being spoken.
 */
export interface SpeakingState {
  phase: 'idle' | 'preparing' | 'playing' | 'paused';
  /** 1-based sentence of the text being spoken (from the range of the chunk that sounds now). */
  sentence?: number;
  sentences?: number;
}

/** Audio generated beyond the chunk sounding now: plenty for any backend to stay ahead, little to carry. */
const AHEAD_SECONDS = 30;

export class SpeechController implements vscode.Disposable {
  private current: AbortController | undefined;
  /** The player of the utterance playing now (the setting may change while it plays). */
  private playing: Player | undefined;
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    // The extension's own colours (package.json contributes.colors): themes and users can change them, and the
    // border keeps the spoken text visible over a selection, which find-match colours did not.
    backgroundColor: new vscode.ThemeColor('vieneu.speakingHighlightBackground'),
    borderColor: new vscode.ThemeColor('vieneu.speakingHighlightBorder'),
    borderStyle: 'solid',
    borderWidth: '1px',
    borderRadius: '2px',
  });
  readonly stats: SpeechStats = { utterances: 0 };
  private last: { request: SynthesisRequest; source?: SpeakSource; editor?: vscode.TextEditor } | undefined;
  private readonly stateEmitter = new Emitter<SpeakingState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private stateNow: SpeakingState = { phase: 'idle' };

  get state(): SpeakingState {
    return this.stateNow;
  }

  private setState(next: SpeakingState): void {
    this.stateNow = next;
    this.stateEmitter.fire(next);
  }

  constructor(
    private readonly manager: BackendManager,
    private readonly config: ConfigService,
    private readonly player: () => Player,
    private readonly log: Log,
    /** Custom voices added in the admin panel: id -> reference codes and transcript. */
    private readonly customVoice: (id: string) => ReferenceVoice | undefined = () => undefined,
  ) {}

  private request(text: string, voiceId?: string): SynthesisRequest {
    const c = this.config.current.config;
    const voice = voiceId ?? (c.voice || undefined);
    const reference = voice ? this.customVoice(voice) : undefined;
    return reference ? { text, reference, speed: c.speed } : { text, voice, speed: c.speed };
  }

  private sourceOrThrow(pick: (editor: vscode.TextEditor) => SpeakSource | undefined = textToSpeak): { editor: vscode.TextEditor; source: SpeakSource } {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError(t('noEditor'), 'bad-input');
    const source = pick(editor);
    if (!source) throw new UserError(t('nothingToSpeak'), 'bad-input');
    return { editor, source };
  }

  async speakSelection(): Promise<PlaybackResult | undefined> {
    const { editor, source } = this.sourceOrThrow();
    return this.speak(source, editor);
  }

  /** Reads on from the paragraph at the cursor to the end of the document, the editor following along. */
  async speakFromCursor(): Promise<PlaybackResult | undefined> {
    const { editor, source } = this.sourceOrThrow(textFromCursor);
    return this.speak(source, editor);
  }

  /** Speaks a text that is not in an editor (the panel's voice preview), with a given voice. */
  async speakText(text: string, voiceId?: string): Promise<PlaybackResult | undefined> {
    return this.run(this.request(text, voiceId));
  }

  /**
   * Tells the user what will not be read (emoji, Chinese, Cyrillic, control characters) instead of leaving them
   * to wonder. Cheap (the normalizer alone), and skipped for very long texts to keep the first audio prompt.
   */
  private reportSkipped(text: string): void {
    this.stats.lastSkipped = undefined;
    if (text.length > 20_000) return;
    const dropped = normalizeDetailed(text).dropped;
    if (dropped.length === 0) return;
    this.stats.lastSkipped = dropped;
    const shown = dropped.slice(0, 12).join(' ') + (dropped.length > 12 ? ' …' : '');
    this.log.info(`speak: skipped ${dropped.join(' ')}`);
    // A notification, not the far left of the status bar where nobody looks; not awaited (speaking goes on).
    void showInfo(t('uiSkippedChars', shown));
  }

  async speak(source: SpeakSource, editor?: vscode.TextEditor): Promise<PlaybackResult | undefined> {
    return this.run(this.request(source.text), source, editor);
  }

  /** Says the last utterance again, on the backend active now ("Speak with Local" after Colab stopped answering). */
  async replay(): Promise<PlaybackResult | undefined> {
    return this.last ? this.run(this.last.request, this.last.source, this.last.editor) : undefined;
  }

  private async run(request: SynthesisRequest, source?: SpeakSource, editor?: vscode.TextEditor): Promise<PlaybackResult | undefined> {
    this.stop();
    this.last = { request, source, editor };
    const ac = new AbortController();
    const started = performance.now();
    const pacer = new PlaybackPacer(AHEAD_SECONDS);
    // Throws the "not ready" UserError with its fix before anything starts.
    const stream = noteFirst(pacer.pace(this.synthesizeWithRanges(request, ac.signal), ac.signal), () => {
      this.stats.lastHandoffMs = performance.now() - started;
    });
    this.current = ac;
    this.stats.utterances++;
    this.stats.lastError = undefined;
    this.stats.lastFirstAudioMs = undefined;
    this.stats.lastHandoffMs = undefined;
    this.stats.lastChunkStarts = 0;
    let spoken: vscode.Range | undefined;
    // Follow the reading down the document unless the user scrolled away from it to read elsewhere. Judged
    // from the scroll events, not from visibleRanges at each chunk: those lag behind our own last reveal
    // when the window is busy, which looked like the user scrolling away and stopped the following.
    let following = true;
    let revealing: vscode.Range | undefined;
    const scrolls = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      if (!editor || e.textEditor !== editor || !spoken) return;
      const shows = (r: vscode.Range) => e.visibleRanges.some((v) => v.intersection(r) !== undefined);
      if (revealing) {
        if (shows(revealing)) revealing = undefined; // older events come before our reveal's own
        return;
      }
      following = shows(spoken);
    });
    void vscode.commands.executeCommand('setContext', 'vieneu.speaking', true);
    const ends = sentenceEnds(request.text);
    const sentences = Math.max(1, ends.length);
    this.setState({ phase: 'preparing', sentence: 1, sentences });
    // Later events of an utterance that was stopped or replaced must not touch the state of the next one.
    const mine = () => this.current === ac;
    const sounding = (sentence = this.stateNow.sentence ?? 1) => {
      if (mine()) this.setState({ phase: this.playing?.paused ? 'paused' : 'playing', sentence, sentences });
    };
    this.log.info(`speak: ${request.text.length} chars on ${this.manager.active}`);
    this.reportSkipped(request.text);
    const player = this.player();
    this.playing = player;
    try {
      const result = await player.play(stream, ac.signal, {
        onFirstAudio: () => {
          this.stats.lastFirstAudioMs = performance.now() - started;
          this.log.info(`speak: first audio after ${this.stats.lastFirstAudioMs.toFixed(0)} ms`);
          sounding();
        },
        onPaused: (paused: boolean) => {
          if (mine() && this.stateNow.phase !== 'preparing') this.setState({ ...this.stateNow, phase: paused ? 'paused' : 'playing' });
        },
        onChunkStart: (chunk: AudioChunk) => {
          this.stats.lastChunkStarts = (this.stats.lastChunkStarts ?? 0) + 1;
          pacer.chunkStarted(chunk);
          sounding(chunk.textRange ? sentenceAt(ends, chunk.textRange.start) : undefined);
          if (!editor || !source || !chunk.textRange || editor.document !== source.document) return;
          const start = source.offset + chunk.textRange.start;
          const end = source.offset + chunk.textRange.end;
          this.stats.lastHighlight = { start, end };
          const range = new vscode.Range(source.document.positionAt(start), source.document.positionAt(end));
          editor.setDecorations(this.highlight, [range]);
          const inView = editor.visibleRanges.some((v) => v.intersection(range) !== undefined);
          if (following && !inView) {
            editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
            revealing = range;
          }
          spoken = range;
        },
      });
      this.stats.lastResult = result;
      return result;
    } catch (err) {
      if (isAbortError(err)) return undefined;
      this.stats.lastError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      scrolls.dispose();
      editor?.setDecorations(this.highlight, []);
      if (this.current === ac) {
        this.current = undefined;
        this.playing = undefined;
        void vscode.commands.executeCommand('setContext', 'vieneu.speaking', false);
        this.setState({ phase: 'idle' });
      }
    }
  }

  private synthesizeWithRanges(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    return synthesizeWithRanges(this.manager, request, signal);
  }

  /** Stops sound and generation at once; a no-op when nothing is speaking. */
  stop(): boolean {
    if (!this.current) return false;
    this.current.abort();
    this.current = undefined;
    this.playing = undefined;
    void vscode.commands.executeCommand('setContext', 'vieneu.speaking', false);
    this.setState({ phase: 'idle' });
    return true;
  }

  get speaking(): boolean {
    return this.current !== undefined;
  }

  /** Pauses the sound, or resumes it when paused; generation goes on meanwhile, up to AHEAD_SECONDS ahead. Returns the new state. */
  togglePause(): boolean | undefined {
    const player = this.playing;
    if (!this.current || !player) return undefined;
    const paused = !player.paused;
    if (!player.setPaused?.(paused)) throw new UserError(t('uiPauseUnavailable'), 'bad-input', t('uiPauseUnavailableFix'));
    if (this.stateNow.phase !== 'preparing') this.setState({ ...this.stateNow, phase: paused ? 'paused' : 'playing' });
    return paused;
  }

  /** Synthesizes the selection into a WAV file the user picks, with cancellable progress. */
  async saveSelectionAsAudio(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const { source } = this.sourceOrThrow();
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        filters: { 'WAV audio': ['wav'] },
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), 'speech.wav'),
      }));
    if (!uri) return undefined;
    // At the model's native rate (24 kHz v1, 48 kHz v3), not a fixed one.
    const audio = new AudioCollector();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('savingAudio'), cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        // A text chunk arrives as several audio pieces carrying the same range: count each character once.
        let spokenUpTo = 0;
        try {
          for await (const chunk of this.synthesizeWithRanges(this.request(source.text), ac.signal)) {
            audio.push(chunk);
            if (chunk.textRange && chunk.textRange.end > spokenUpTo) {
              progress.report({ increment: (100 * (chunk.textRange.end - spokenUpTo)) / source.text.length });
              spokenUpTo = chunk.textRange.end;
            }
          }
        } finally {
          sub.dispose();
        }
      },
    );
    // One write of the finished file: a cancelled or failed synthesis never leaves a half-written WAV.
    await vscode.workspace.fs.writeFile(uri, audio.wav());
    void vscode.window.showInformationMessage(t('savedAudio', uri.fsPath, audio.seconds.toFixed(1)));
    return uri;
  }

  dispose(): void {
    this.stop();
    this.highlight.dispose();
    this.stateEmitter.dispose();
  }
}
