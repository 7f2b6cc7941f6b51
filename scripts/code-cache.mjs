// node scripts/code-cache.mjs DIR: makes the V8 code cache of each chunk of the bundle in DIR
// (scripts/build.mjs calls it on the bundle it is building). Runs sit's commands on the fixtures,
// in this process, through DIR's own chunk loader, then writes what V8 compiled of each chunk
// loaded as DIR/NAME.code-cache, which src/chunk-loader.ts hands V8 on later runs.
//
// This runs as a Node of its own, started with no flags as bin/sit.js is: V8 refuses a cache made
// with other flags. Every run must succeed (exit 0): a bundle that cannot classify its own
// fixtures stops the build here. A chunk no run loads gets no cache, and is compiled when loaded.
//
// The runs are made with V8's baseline compiler (Sparkplug) off, and it is turned back on before
// the caches are written, so that they carry the flags of a run (and V8 takes them). A function
// Sparkplug compiled here is marked so in its cache, and V8 compiles every function so marked again
// as soon as a run first calls it: after all the runs below, that was 14 M of a small
// classify's 215 M instructions (valgrind), against 8.6 M for what that run itself warms up.
import { setFlagsFromString } from 'node:v8';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { root } from './esbuild-options.mjs';

const dir = process.argv[2];
setFlagsFromString('--no-sparkplug');
const { loadChunk, codeCaches } = createRequire(import.meta.url)(join(dir, 'chunks.cjs'));
const { run } = loadChunk('cli');
// Loaded by every run (src/main.ts); not called here, where the streams are not the process's.
loadChunk('std-streams');

const fixtures = join(root, 'fixtures');
const schools = join(fixtures, 'schools.csv');
// What people run most, and what the bench times: each command, each output format of classify,
// a preset of each shape, and a trust's config (YAML and its schema): settings beside a preset,
// and a whole policy.
const runs = [
  ['--help'],
  ['classify', '--help'],
  ['presets'],
  ...[
    ...['table', 'csv', 'json', 'md', 'html', 'xlsx'].map((format) => [
      'classify',
      schools,
      '--preset',
      'rlt-categories',
      '--format',
      format,
    ]),
    ['classify', schools, '--preset', 'four-tier', '--format', 'csv'],
    ['classify', schools, '--preset', 'rlt-categories', '--config', join(root, 'trust.config.yaml')],
    ['validate', schools, '--preset', 'four-tier'],
    ['explain', '100001', schools, '--preset', 'four-tier'],
    ['budget', schools, '--preset', 'four-tier', '--format', 'csv'],
    ['report', schools, '--preset', 'four-tier', '--format', 'html'],
    ['diff', join(fixtures, 'schools-2025.csv'), schools, '--preset', 'four-tier', '--format', 'csv'],
    ['calendar', schools, '--term', '3', '--preset', 'four-tier', '--format', 'csv'],
    ['calendar', schools, '--year', '--preset', 'rlt-categories', '--format', 'ics'],
  ].map((args) => [...args, '--as-of', '2026-09-01']),
  // Last, as the folder then has a config every run would read: a trust's own, as `sit init`
  // writes it (the whole policy), found in the folder.
  ['init', '--preset', 'four-tier'],
  ['classify', schools, '--format', 'csv', '--as-of', '2026-09-01'],
];

const cwd = mkdtempSync(join(tmpdir(), 'sit-code-cache-'));
const sink = { write: () => true };
let failed = 0;
try {
  for (const args of runs) {
    const stderr = [];
    const code = await run(args, {
      stdout: sink,
      stderr: { write: (text) => stderr.push(String(text)) },
      stdin: Readable.from([]),
      cwd,
      env: { NO_COLOR: '1' },
      now: () => new Date('2026-09-01T12:00:00Z'),
    });
    if (code !== 0) {
      failed++;
      process.stderr.write(`code-cache: sit ${args.join(' ')} exited ${code}:\n${stderr.join('')}`);
    }
  }
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
if (failed > 0) process.exit(1);
// Back to the flags every run has: V8 refuses a cache made under others.
setFlagsFromString('--sparkplug');
for (const [name, cache] of codeCaches()) writeFileSync(join(dir, `${name}.code-cache`), cache);
