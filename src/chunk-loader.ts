// Loads the npm build's chunks (dist/*.cjs, CommonJS) with the V8 code cache the build made for
// each (dist/*.code-cache, scripts/code-cache.mjs): a run then takes the compiled code of what it
// runs from the cache instead of compiling it, about a third of a small classify's instructions on
// Node 20, which has no compile cache of its own (start-up, SPEC section 8). V8 refuses a cache made
// by another Node version or with other V8 flags, and the chunk is then compiled as usual.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface Chunk {
  readonly name: string;
  readonly module: { exports: unknown };
  readonly script: Script;
  /** Whether V8 took its compiled code from the cache. */
  readonly cached: boolean;
}

export interface ChunkLoader {
  /** The exports of a chunk (by its file name without `.cjs`), run once on first asking. */
  load(name: string): unknown;
  /** The chunks loaded so far, in the order they were, and whether each came from its cache. */
  loaded(): { name: string; cached: boolean }[];
  /** A code cache of each chunk loaded, holding what has been compiled of it by now. */
  codeCaches(): [name: string, cache: Buffer][];
}

export const codeCacheFile = (dir: string, name: string) => join(dir, `${name}.code-cache`);

// The CommonJS wrapper, opened on the chunk's first line so that its line numbers stay the file's.
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const OWN = /^\.\/([^/\\]+)\.cjs$/;

/** The chunks of one folder (the bundle's own `./x.cjs` requires among them), and Node's modules. */
export function chunkLoader(dir: string): ChunkLoader {
  const chunks = new Map<string, Chunk>();
  const nodeRequire = createRequire(join(dir, 'chunks.cjs'));
  const requireIn = (id: string): unknown => {
    const own = OWN.exec(id);
    return own ? load(own[1]) : nodeRequire(id);
  };
  function load(name: string): unknown {
    const known = chunks.get(name);
    // A chunk being run asked for by one it requires gets the exports it has set so far, as
    // Node's own require does.
    if (known) return known.module.exports;
    const file = join(dir, `${name}.cjs`);
    const cachedData = readIfThere(codeCacheFile(dir, name));
    const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
    const module = { exports: {} };
    chunks.set(name, { name, module, script, cached: cachedData !== undefined && !script.cachedDataRejected });
    script.runInThisContext()(module.exports, requireIn, module, file, dir);
    return module.exports;
  }
  return {
    load,
    loaded: () => [...chunks.values()].map(({ name, cached }) => ({ name, cached })),
    codeCaches: () => [...chunks.values()].map(({ name, script }) => [name, script.createCachedData()]),
  };
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    // No cache (a build that made none, or a file removed): the chunk is compiled as usual.
    return undefined;
  }
}
