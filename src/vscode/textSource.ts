// What "the text to speak" is in an editor: the selection, or the paragraph around the cursor when nothing
// is selected, with the document offset it starts at (so chunk ranges can be highlighted).
import * as vscode from 'vscode';

export interface SpeakSource {
  document: vscode.TextDocument;
  text: string;
  /** Document offset of text[0]. */
  offset: number;
}

export function paragraphRange(doc: vscode.TextDocument, line: number): vscode.Range | undefined {
  if (doc.lineAt(line).isEmptyOrWhitespace) return undefined;
  let first = line;
  let last = line;
  while (first > 0 && !doc.lineAt(first - 1).isEmptyOrWhitespace) first--;
  while (last < doc.lineCount - 1 && !doc.lineAt(last + 1).isEmptyOrWhitespace) last++;
  return new vscode.Range(first, 0, last, doc.lineAt(last).text.length);
}

/**
 * From the start of the paragraph at the cursor (or of the selection) to the end of the document: reading a
 * long text on, the way a listener resumes where they were.
 */
export function textFromCursor(editor: vscode.TextEditor): SpeakSource | undefined {
  const doc = editor.document;
  const line = editor.selection.start.line;
  const start = paragraphRange(doc, line)?.start ?? new vscode.Position(line, 0);
  const range = new vscode.Range(start, doc.lineAt(doc.lineCount - 1).range.end);
  const text = doc.getText(range);
  if (text.trim() === '') return undefined;
  return { document: doc, text, offset: doc.offsetAt(range.start) };
}

export function textToSpeak(editor: vscode.TextEditor): SpeakSource | undefined {
  const doc = editor.document;
  const sel = editor.selection;
  const range = sel.isEmpty ? paragraphRange(doc, sel.active.line) : sel;
  if (!range) return undefined;
  const text = doc.getText(range);
  if (text.trim() === '') return undefined;
  return { document: doc, text, offset: doc.offsetAt(range.start) };
}
