// The bundle's ansi-regex and string-width (scripts/shims/, scripts/esbuild-options.mjs):
// remembered, never different. cli-table3 measured every cell again and again, compiling
// ansi-regex's pattern on every call (a table of 2,000 schools: 2.7 s, now under 1 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-sit.js';

const require = createRequire(import.meta.url);
const shim = (name: string) => require(join(ROOT, 'scripts', 'shims', `${name}.cjs`));
const original = (name: string) => require(join(ROOT, 'node_modules', name, 'index.js'));

describe('measured once', () => {
  it('string-width gives the width string-width gives, the second time too', () => {
    const width = shim('string-width');
    const texts = ['', 'Ash Primary', '\u001b[31mred\u001b[39m', '学校', 'café', 'a\u0301', '👩‍🏫 teacher', 'x\ny'];
    for (const text of texts) {
      expect(width(text), text).toBe(original('string-width')(text));
      expect(width(text), text).toBe(original('string-width')(text));
    }
  });

  it('ansi-regex is compiled once for each option, and strips as often as it is used', () => {
    const ansiRegex = shim('ansi-regex');
    expect(ansiRegex()).toBe(ansiRegex());
    expect(ansiRegex({ onlyFirst: true })).not.toBe(ansiRegex());
    expect(ansiRegex().source).toBe(original('ansi-regex')().source);
    for (let i = 0; i < 3; i++)
      expect('\u001b[1mbold\u001b[22m and \u001b[4mline\u001b[24m'.replace(ansiRegex(), '')).toBe('bold and line');
  });

  it('is what the built bundle holds in their place (built by the suite set-up)', () => {
    // dist/chunks.json: the files each chunk was built from (scripts/build.mjs).
    const inputs = Object.values<string[]>(JSON.parse(readFileSync(join(ROOT, 'dist', 'chunks.json'), 'utf8'))).flat();
    expect(inputs).toContain('scripts/shims/ansi-regex.cjs');
    expect(inputs).toContain('scripts/shims/string-width.cjs');
  });
});
