// Our normalizer's v3 reading beside sea-g2p's own normalizer table: TEST_CASES of tests/test_normalize.py at
// pnnbao97/sea-g2p 90292b67845b9687cb7e71d5f5edba001ed2439c (0.5.9; 249 pairs, data, in
// fixtures/sea-g2p-normalize-cases.json), compared as upstream compares them (whitespace collapsed, lower case).
// Every pair we read differently is listed by kind in fixtures/sea-g2p-normalize-differences.json, and each
// kind is described in docs/normalizer-differences.md (deliberate, or not followed yet): a new difference fails
// here until it is listed and described.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { normalize } from '../../../../src/text/normalize';

const FIXTURES = path.resolve(__dirname, '../../../../../test/unit/text/sea/fixtures');
const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
const clean = (s: string) => s.split(/\s+/).filter(Boolean).join(' ').toLowerCase();

describe('normalizer survey against sea-g2p tests/test_normalize.py@90292b67 (0.5.9)', () => {
  const cases = read<Array<[string, string]>>('sea-g2p-normalize-cases.json');
  const kinds = read<Record<string, string[]>>('sea-g2p-normalize-differences.json');
  const listed = new Map(Object.entries(kinds).flatMap(([kind, inputs]) => inputs.map((i) => [i, kind] as const)));
  const results = cases.map(([input, expected]) => ({ input, expected, actual: clean(normalize(input, { sea: true })), same: false }));
  for (const r of results) r.same = r.actual === clean(r.expected);

  it('has the 249 pairs, and every pair read differently is listed by kind', () => {
    assert.strictEqual(cases.length, 249);
    const unlisted = results.filter((r) => !r.same && !listed.has(r.input)).map((r) => `${JSON.stringify(r.input)}: upstream "${clean(r.expected)}", we "${r.actual}"`);
    assert.deepStrictEqual(unlisted, [], 'list these in fixtures/sea-g2p-normalize-differences.json and describe their kind in docs/normalizer-differences.md');
  });

  it('every kind listed is described in docs/normalizer-differences.md', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../../../docs/normalizer-differences.md'), 'utf8');
    for (const kind of Object.keys(kinds)) assert.ok(doc.includes(`\`${kind}\``), kind);
  });

  it('still agrees on at least the 153 pairs it agreed on when surveyed', () => {
    assert.ok(results.filter((r) => r.same).length >= 153);
  });
});
