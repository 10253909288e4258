// Small DOM helpers for the panel: build elements without innerHTML (text from the extension is never parsed
// as HTML), and update them in place so keyboard focus survives every state message.

type Attrs = Record<string, string | boolean | number | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Array<Node | string>): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Array<Node | string>): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`panel: #${id} missing`);
  return el as T;
}

export function setText(id: string, text: string): void {
  const el = byId(id);
  if (el.textContent !== text) el.textContent = text;
}

/** Sets or clears a boolean attribute (disabled, hidden, checked) only when it changes. */
export function flag(el: Element, name: string, on: boolean): void {
  if (el.hasAttribute(name) !== on) el.toggleAttribute(name, on);
}

/**
 * Replaces the children of `parent` with `build()` only when `key` differs from the last build, so a list that
 * did not change keeps its elements (and the focus inside it).
 */
export function renderList(parent: HTMLElement, key: string, build: () => Node[]): boolean {
  if (parent.dataset.key === key) return false;
  const focusedId = (document.activeElement as HTMLElement | null)?.id;
  parent.replaceChildren(...build());
  parent.dataset.key = key;
  if (focusedId && !document.getElementById(focusedId)) parent.querySelector<HTMLElement>('[tabindex], vscode-button')?.focus();
  else if (focusedId) document.getElementById(focusedId)?.focus();
  return true;
}
