// The VS Code parts the user actions need (src/app/userActions.ts): the notebook editor, the save dialog, the
// clipboard, the audio file picker, settings, and global state for custom voices.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ActionHost, CloneHost, CustomVoiceRecord } from '../app/userActions';
import { addToGitignore, writePrivateFile } from '../notebook/saveNotebook';
import { t } from '../core/strings';
import type { BackendId, ReferenceVoice } from '../core/types';

const CUSTOM_VOICES_KEY = 'vieneu.customVoices';

/** Custom voices the user added in the panel, kept in global state (codes are not secrets, and not settings). */
function customVoices(context: vscode.ExtensionContext): CustomVoiceRecord[] {
  return context.globalState.get<CustomVoiceRecord[]>(CUSTOM_VOICES_KEY) ?? [];
}

export function customVoiceReference(context: vscode.ExtensionContext, id: string): ReferenceVoice | undefined {
  const v = customVoices(context).find((x) => x.id === id);
  return v ? { codes: v.codes, text: v.text } : undefined;
}

/** ipynb JSON -> NotebookData in the shape VS Code's built-in ipynb serializer reads back when saving. */
function notebookData(json: string): vscode.NotebookData {
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

/**
 * Opens the notebook as an untitled document named `fileName` (the name Step 2 tells the user to upload, and
 * the one Save offers), filled with the generated cells. Falls back to VS Code's own untitled name if this
 * VS Code cannot open a named untitled notebook.
 */
async function openNamedNotebook(json: string, fileName: string): Promise<vscode.NotebookDocument> {
  const data = notebookData(json);
  let doc: vscode.NotebookDocument;
  try {
    doc = await vscode.workspace.openNotebookDocument(vscode.Uri.from({ scheme: 'untitled', path: fileName }));
    if (doc.notebookType !== 'jupyter-notebook') throw new Error(`opened as ${doc.notebookType}`);
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, [
      vscode.NotebookEdit.deleteCells(new vscode.NotebookRange(0, doc.cellCount)),
      vscode.NotebookEdit.insertCells(0, data.cells),
      vscode.NotebookEdit.updateNotebookMetadata(data.metadata ?? {}),
    ]);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was refused');
  } catch {
    doc = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  }
  await vscode.window.showNotebookDocument(doc, { viewColumn: vscode.ViewColumn.Active });
  return doc;
}

export function vscodeActionHost(o: {
  context: vscode.ExtensionContext;
  speak(text: string, voiceId: string): Promise<void>;
  onModeChanged(id: BackendId): void;
}): ActionHost {
  const settings = () => vscode.workspace.getConfiguration('vieneu');
  return {
    openNotebook: async (json, fileName) => void (await openNamedNotebook(json, fileName)),
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
    speak: (text, voice) => o.speak(text, voice),
    // '' is the model's default voice: the setting is removed rather than written empty.
    setVoice: (voice) => Promise.resolve(settings().update('voice', voice || undefined, vscode.ConfigurationTarget.Global)),
    setEndpoint: (url) => Promise.resolve(settings().update('colab.endpoint', url, vscode.ConfigurationTarget.Global)),
    customVoices: () => customVoices(o.context),
    saveCustomVoice: async (v) => {
      const list = customVoices(o.context).filter((x) => x.id !== v.id);
      await o.context.globalState.update(CUSTOM_VOICES_KEY, [...list, v]);
    },
    onModeChanged: (id) => o.onModeChanged(id),
  };
}

/**
 * The editor side of cloning on this computer: modal questions, the audio and voices-file pickers and the
 * export dialog. Exports default to the home folder, not the workspace: a voice's fingerprint stays out of git
 * unless the user puts it there.
 */
export function vscodeCloneHost(o: { dir: string; modelRoots(): string[] }): CloneHost {
  const voicesFilter = { [t('cloneExportFilter')]: ['json'] };
  return {
    dir: o.dir,
    modelRoots: o.modelRoots,
    confirm: async (message, detail, yes) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, yes)) === yes,
    pickAudioFile: async () => {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: t('cloneCmdOpenLabel'),
        filters: { [t('cloneCmdAudioFilter')]: ['wav', 'flac', 'mp3', 'ogg', 'oga'] },
      });
      return picked?.[0]?.fsPath;
    },
    pickVoicesFile: async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: voicesFilter, title: t('uiImportVoices') });
      return picked?.[0]?.fsPath;
    },
    saveVoicesFile: async (defaultName) => {
      const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(os.homedir(), defaultName)), filters: voicesFilter });
      return uri?.fsPath;
    },
  };
}
