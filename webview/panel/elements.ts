// The @vscode-elements components the panel uses; importing them registers the custom elements. Only side
// effects are imported: the package is ESM and this project compiles to CommonJS, so types are declared
// locally (the few properties the panel touches).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

/** A form control of the set: value plus disabled, as the panel uses them. */
export interface ValueElement extends HTMLElement {
  value: string;
  disabled: boolean;
}

export interface CheckboxElement extends HTMLElement {
  checked: boolean;
  disabled: boolean;
}

export interface RadioElement extends HTMLElement {
  checked: boolean;
  value: string;
  disabled: boolean;
}

export interface ProgressElement extends HTMLElement {
  value?: number;
  max: number;
  indeterminate: boolean;
}
