// The loader of the npm build's chunks (src/chunk-loader.ts): each chunk run once, the chunks'
// requires of one another among themselves, a code cache taken when V8 accepts it and compiled
// past when it does not, and an error's line the chunk file's own.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { chunkLoader, codeCacheFile } from '../../src/chunk-loader.js';
import { ROOT } from '../helpers/run-sit.js';

/** A folder of chunks: `a` and `b` require each other (as esbuild's chunks may), `a` a Node module. */
function chunks(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sit-chunks-'));
  writeFileSync(
    join(dir, 'a.cjs'),
    [
      'module.exports = { name: () => "a", other: () => b.name(), runs: 0 };',
      'const b = require("./b.cjs");',
      'module.exports.runs++;',
      'module.exports.joined = require("node:path").join("x", "y");',
      'module.exports.fail = () => { throw new Error("from a"); };',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'b.cjs'),
    'const a = require("./a.cjs");\nmodule.exports = { name: () => "b", other: () => a.name() };\n',
  );
  return dir;
}

describe('chunkLoader', () => {
  it('runs each chunk once, and gives a chunk that requires one being run the exports it has so far', () => {
    const loader = chunkLoader(chunks());
    const a = loader.load('a') as Record<string, () => unknown> & { runs: number; joined: string };
    expect(a.other()).toBe('b');
    expect((loader.load('b') as Record<string, () => unknown>).other()).toBe('a');
    expect(loader.load('a')).toBe(a);
    expect(a.runs).toBe(1);
    expect(a.joined).toBe(join('x', 'y'));
    expect(loader.loaded()).toEqual([
      { name: 'a', cached: false },
      { name: 'b', cached: false },
    ]);
  });

  it("reports an error at the chunk file's own line", () => {
    const dir = chunks();
    const a = chunkLoader(dir).load('a') as { fail: () => void };
    expect(() => a.fail()).toThrow('from a');
    try {
      a.fail();
    } catch (error) {
      expect((error as Error).stack).toContain(`${join(dir, 'a.cjs')}:5:`);
    }
  });

  // V8 keeps what a process has compiled: whether it takes a cache is seen only in a new process,
  // as each run of sit is.
  it('takes the code caches it made, and compiles a chunk whose cache V8 refuses or is none', () => {
    const dir = chunks();
    const made = inNewNode(
      dir,
      'loader.load("a"); for (const [name, cache] of loader.codeCaches()) fs.writeFileSync(codeCacheFile(dir, name + "-made"), cache);',
    );
    expect(made.loaded).toEqual([
      { name: 'a', cached: false },
      { name: 'b', cached: false },
    ]);
    // a's cache as a's; b's file given a's cache (another source: V8 refuses it); none for c.
    copyFileSync(codeCacheFile(dir, 'a-made'), codeCacheFile(dir, 'a'));
    copyFileSync(codeCacheFile(dir, 'a-made'), codeCacheFile(dir, 'b'));
    writeFileSync(join(dir, 'c.cjs'), 'module.exports = 3;\n');
    const again = inNewNode(dir, 'result.other = loader.load("a").other(); result.c = loader.load("c");');
    expect(again.other).toBe('b');
    expect(again.c).toBe(3);
    expect(again.loaded).toEqual([
      { name: 'a', cached: true },
      { name: 'b', cached: false },
      { name: 'c', cached: false },
    ]);
  });

  it('compiles a chunk whose cache is not a code cache at all', () => {
    const dir = chunks();
    writeFileSync(codeCacheFile(dir, 'b'), 'not a code cache');
    const run = inNewNode(dir, 'result.name = loader.load("b").name();');
    expect(run.name).toBe('b');
    expect(run.loaded).toEqual([
      { name: 'b', cached: false },
      { name: 'a', cached: false },
    ]);
  });
});

let built: string | undefined;
/** Runs CODE in a new Node, with `loader` a chunkLoader of DIR; returns `result` and what loaded. */
function inNewNode(dir: string, code: string): Record<string, unknown> {
  if (built === undefined) {
    built = join(mkdtempSync(join(tmpdir(), 'sit-chunk-loader-')), 'chunk-loader.cjs');
    buildSync({
      entryPoints: [join(ROOT, 'src', 'chunk-loader.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: built,
      logLevel: 'warning',
    });
  }
  const script = `const fs = require('node:fs'); const { chunkLoader, codeCacheFile } = require(${JSON.stringify(built)});
    const dir = ${JSON.stringify(dir)}; const loader = chunkLoader(dir); const result = {};
    ${code}
    result.loaded = loader.loaded(); process.stdout.write(JSON.stringify(result));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}
