// The panel's styles, adopted as a constructable stylesheet (allowed by a strict CSP without 'unsafe-inline').
// Colours come only from VS Code's theme variables, so the panel follows light, dark and high-contrast themes.
export const PANEL_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size); padding: 0 16px 24px; }
main { max-width: 900px; }
section { border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 8px 0 16px; }
h2 { font-size: 1.25em; margin: 16px 0 8px; }
h3 { font-size: 1.05em; margin: 14px 0 6px; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 12px; }
@media (max-width: 520px) { .cards { grid-template-columns: 1fr; } }
.card { border: 1px solid var(--vscode-widget-border, var(--vscode-contrastBorder, #8884)); border-radius: 4px; padding: 8px 12px;
  background: var(--vscode-sideBar-background, transparent); }
.card h3 { margin-top: 0; }
.state-line { display: flex; align-items: center; gap: 6px; font-weight: 600; }
.dot { width: 10px; height: 10px; border-radius: 50%; display: inline-block; background: var(--vscode-disabledForeground, #888); }
.dot.ready { background: var(--vscode-testing-iconPassed, #3c3); }
.dot.busy { background: var(--vscode-progressBar-background, #06c); }
.dot.error { background: var(--vscode-errorForeground, #c33); }
.detail, .help { color: var(--vscode-descriptionForeground); }
.info { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
.info dt { color: var(--vscode-descriptionForeground); }
.info dd { margin: 0; }
.row { display: flex; flex-wrap: wrap; gap: 12px; }
.row .field { flex: 1 1 200px; }
.field { display: flex; flex-direction: column; margin: 4px 0; }
.field vscode-textfield, .field vscode-textarea, .field vscode-single-select { width: 100%; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.token-line { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
.token-line code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 2px 6px;
  word-break: break-all; }
.token-line code.empty { font-family: inherit; background: none; color: var(--vscode-descriptionForeground); }
.warning { color: var(--vscode-editorWarning-foreground, inherit); }
.notice { margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--vscode-focusBorder); background: var(--vscode-textBlockQuote-background); }
.notice.error { border-left-color: var(--vscode-errorForeground); }
.notice .fix { font-style: italic; }
.voices { display: flex; flex-direction: column; gap: 4px; }
.voice { display: grid; grid-template-columns: 10em 1fr auto auto; gap: 8px; align-items: center; }
.voice-name { font-weight: 600; }
.cloned-voice { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 2px 0; }
.cloned-voice .voice-name { min-width: 10em; }
.cloned-voice .detail { flex: 1 1 12em; }
.dropzone { border: 1px dashed var(--vscode-widget-border, var(--vscode-contrastBorder, #8888)); border-radius: 4px; padding: 4px 12px; margin: 8px 0; }
.dropzone.dragging { border-style: solid; border-color: var(--vscode-focusBorder); background: var(--vscode-list-dropBackground, transparent); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
[hidden] { display: none !important; }
`;
