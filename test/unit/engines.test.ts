// Issue 14: `npm ci` on Node 20 (package.json: "node": ">=20") warned EBADENGINE because docx pulled
// in nanoid 6 (Node 22 and later). Every package the lockfile installs must accept Node 20.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROOT } from '../helpers/run-sit.js';

const NODE_20 = [20, 19, 0];

const parse = (v: string) =>
  v
    .replace(/^v/, '')
    .split('.')
    .map((x) => (x === 'x' || x === '*' || x === '' ? 0 : Number(x)));
const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** Enough of npm's range grammar for engines fields: ||, space-joined comparators, ^, ~, >=, >, <=, <, =, x. */
function accepts(range: string, version: number[]): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const m = /^(\^|~|>=|<=|>|<|=)?\s*v?([\dx*]+(?:\.[\dx*]+)*)$/.exec(comparator);
        if (!m) return comparator === '*';
        const [, op = '', v] = m;
        const bound = parse(v);
        const c = compare(version, bound);
        if (op === '>=') return c >= 0;
        if (op === '>') return c > 0;
        if (op === '<=') return c <= 0;
        if (op === '<') return c < 0;
        if (op === '^') return version[0] === bound[0] && c >= 0;
        if (op === '~') return version[0] === bound[0] && version[1] === (bound[1] ?? version[1]) && c >= 0;
        // "20", "20.x", "=20.1.0": the parts given must match.
        return v.split('.').every((part, i) => part === 'x' || part === '*' || Number(part) === version[i]);
      }),
  );
}

describe('engines', () => {
  it('the range reader reads what lockfiles hold', () => {
    expect(accepts('^22 || ^24 || >=26', NODE_20)).toBe(false);
    expect(accepts('^18 || >=20', NODE_20)).toBe(true);
    expect(accepts('>=20', NODE_20)).toBe(true);
    expect(accepts('^14.17.0 || ^16.13.0 || >=18.0.0', NODE_20)).toBe(true);
    expect(accepts('>=20.19.0 <21 || >=22.12', NODE_20)).toBe(true);
    expect(accepts('10.* || >= 12.*', NODE_20)).toBe(true);
    expect(accepts('>= 20.12', NODE_20)).toBe(true);
    expect(accepts('>= 21', NODE_20)).toBe(false);
  });
  it('every package npm ci installs accepts Node 20', () => {
    const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(
        ([path, p]) =>
          path !== '' &&
          !p.optional &&
          p.engines &&
          !Array.isArray(p.engines) &&
          p.engines.node &&
          !accepts(p.engines.node, NODE_20),
      )
      .map(([path, p]) => `${path} (${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });
});
