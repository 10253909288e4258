// Tiny runtime validators for messages that cross the webview boundary. Both sides import this file (the
// extension host and the webview bundle), so it must stay free of `vscode` and of Node APIs.

/** Returns a problem description, or undefined when the value fits. */
export type Check = (v: unknown, path: string) => string | undefined;

export const str: Check = (v, p) => (typeof v === 'string' ? undefined : `${p} must be a string`);
export const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p} must be true or false`);
export const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${p} must be a finite number`);
export const int: Check = (v, p) => (Number.isInteger(v) ? undefined : `${p} must be an integer`);

export const oneOf =
  (...xs: readonly string[]): Check =>
  (v, p) =>
    typeof v === 'string' && xs.includes(v) ? undefined : `${p} must be one of ${xs.join(', ')}`;

export const optional =
  (c: Check): Check =>
  (v, p) =>
    v === undefined ? undefined : c(v, p);

export const arrayOf =
  (c: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return `${p} must be a list`;
    for (let i = 0; i < v.length; i++) {
      const e = c(v[i], `${p}[${i}]`);
      if (e) return e;
    }
    return undefined;
  };

export const recordOf =
  (c: Check): Check =>
  (v, p) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return `${p} must be an object`;
    for (const [k, x] of Object.entries(v)) {
      const e = c(x, `${p}.${k}`);
      if (e) return e;
    }
    return undefined;
  };

/** An object with exactly these fields checked (extra fields are refused: they usually mean a typo). */
export const shape =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return `${p} must be an object`;
    for (const k of Object.keys(v)) if (!(k in fields)) return `${p}.${k} is not expected`;
    for (const [k, c] of Object.entries(fields)) {
      const e = c((v as Record<string, unknown>)[k], `${p}.${k}`);
      if (e) return e;
    }
    return undefined;
  };

export const nullable =
  (c: Check): Check =>
  (v, p) =>
    v === null ? undefined : c(v, p);

/** A tagged union keyed by `type`. */
export function union(variants: Record<string, Record<string, Check>>): Check {
  const checks = Object.fromEntries(Object.entries(variants).map(([t, f]) => [t, shape({ ...f, type: oneOf(t) })]));
  return (v, p) => {
    const type = v && typeof v === 'object' ? (v as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !(type in checks)) return `${p}.type must be one of ${Object.keys(checks).join(', ')}`;
    return checks[type](v, p);
  };
}

/** Turns a check into a parser: returns the value typed, or throws with the first problem found. */
export function parser<T>(c: Check, name: string): (v: unknown) => T {
  return (v) => {
    const e = c(v, name);
    if (e) throw new TypeError(`Invalid ${name}: ${e}`);
    return v as T;
  };
}
