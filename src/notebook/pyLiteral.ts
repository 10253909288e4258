// Values as Python source literals, so that whatever a value holds (quotes, newlines, `"""`, `{{`, a
// backslash) it is data in the generated notebook and never code.
import { UserError } from '../core/errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/**
 * A Python literal for `value`. Strings use JSON's escaping, which Python string literals read the same
 * way (\" \\ \n \r \t \b \f \uXXXX); JSON.stringify never writes `\/`, the one escape that differs.
 */
export function pyLiteral(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UserError(`Cannot write ${value} into the notebook.`, 'bad-input');
    return String(value);
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new UserError('A notebook value holds broken Unicode (a lone surrogate).', 'bad-input');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pyLiteral(k)}: ${pyLiteral(v)}`).join(', ')}}`;
}
