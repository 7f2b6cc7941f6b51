// Issue 16: "dependencies listed where they are used". esbuild bundles every package sit uses into
// dist/ (and the single executables), so none is needed at run time: package.json lists them all
// as devDependencies, and dist/ may load nothing but Node's own modules and its own chunks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/run-sit.js';

const builtin = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('the bundle', () => {
  it('package.json names no run-time dependency: every package is built into dist/', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('dist/ loads only Node modules and its own files (built by the suite set-up)', () => {
    const dist = join(ROOT, 'dist');
    const loaded = new Set<string>();
    const files = readdirSync(dist).filter((f) => /\.c?js$/.test(f));
    expect(files).toContain('main.cjs');
    for (const file of files) for (const name of loadsOf(readFileSync(join(dist, file), 'utf8'))) loaded.add(name);
    const outside = [...loaded].filter((name) => !builtin.has(name) && !name.startsWith('./'));
    expect(outside).toEqual([]);
    expect(loaded.size).toBeGreaterThan(5);
  });

  // Neither zod nor the YAML parser: a preset and the shipped terms were checked when sit was built,
  // and a file's row schema is loaded only for a file there is (a log, tier changes, targets).
  // classify to CSV loads no table writer either: CSV is written as the file is read. The chunk
  // loader says which chunks a run loaded, and dist/chunks.json what each was built from.
  const fixtures = join(FIXTURES, 'schools.csv');
  const onlyCommander = (packages: string[]) => expect(packages).toEqual(['commander']);
  const noSchemaOrYaml = (packages: string[]) => {
    expect(packages).toContain('commander');
    expect(packages.filter((p) => p === 'zod' || p === 'yaml')).toEqual([]);
  };
  it.each([
    [['classify', fixtures, '--preset', 'rlt-categories', '--format', 'csv'], onlyCommander],
    [['budget', fixtures, '--preset', 'four-tier', '--format', 'csv'], noSchemaOrYaml],
    [['calendar', fixtures, '--term', '3', '--preset', 'four-tier', '--format', 'csv'], noSchemaOrYaml],
    [['explain', '100001', fixtures, '--preset', 'four-tier'], noSchemaOrYaml],
    [['diff', fixtures, fixtures, '--preset', 'four-tier', '--format', 'csv'], noSchemaOrYaml],
    [['report', fixtures, '--preset', 'four-tier', '--format', 'md'], noSchemaOrYaml],
    [['validate', fixtures, '--preset', 'four-tier'], noSchemaOrYaml],
  ])(
    'sit %j on a shipped preset, with no config file, loads no zod and no YAML parser (start-up, issue 13)',
    (args, check) => {
      const { run, chunks } = loadedChunks(args);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(chunks.length).toBeGreaterThan(3);
      const built = builtFrom();
      const inputs = chunks.flatMap(({ name }) => built[`${name}.cjs`]);
      const packages = new Set<string>();
      for (const input of inputs) {
        const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
        if (m) packages.add(m[1]);
      }
      check([...packages]);
      // Nor the presets' YAML texts (src/preset-texts.ts): a shipped preset is used as checked at build time.
      expect(inputs.filter((input) => /^presets\/.*\.yaml$/.test(input))).toEqual([]);
    },
  );

  // scripts/code-cache.mjs ran sit on the fixtures when it was built: V8 takes the compiled code
  // of every chunk such a run loads from its cache (src/chunk-loader.ts), and compiles none afresh.
  it.each([
    [['classify', fixtures, '--preset', 'rlt-categories', '--format', 'csv']],
    [['budget', fixtures, '--preset', 'four-tier', '--format', 'csv']],
  ])('sit %j takes every chunk it loads from its code cache (start-up, issue 13)', (args) => {
    const { run, chunks } = loadedChunks(args);
    expect(run.status).toBe(0);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.filter(({ cached }) => !cached)).toEqual([]);
  });

  it("sit --version answers without setting up Node's ES module loader (start-up within 1.2x of bare Node, issue 13)", () => {
    // bin/sit.js and dist/main.cjs are CommonJS: an ES module entry makes Node load and run its
    // module loader first (~8 ms of bare Node's ~35). Node lists every module of its own it loads.
    const preload = join(mkdtempSync(join(tmpdir(), 'sit-version-')), 'list.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(process.moduleLoadList.join('\\n')));");
    const run = spawnSync(process.execPath, ['--require', preload, join(ROOT, 'bin', 'sit.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(run.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(run.status).toBe(0);
    const loaded = run.stderr.split('\n');
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /esm\/(module_job|translators|resolve)$/.test(m))).toEqual([]);
  });

  it('the check sees each way code loads a module', () => {
    const code =
      'var a = require("chalk");\nimport { b } from "./chunk-1.js";\nexport { c } from "zod";\nawait import("node:fs");\nconst s = "a, from \\"x\\"";';
    expect(loadsOf(code)).toEqual(['./chunk-1.js', 'chalk', 'node:fs', 'zod']);
  });
});

/** The files each chunk of dist/ was built from (dist/chunks.json, written by scripts/build.mjs). */
function builtFrom(): Record<string, string[]> {
  return JSON.parse(readFileSync(join(ROOT, 'dist', 'chunks.json'), 'utf8'));
}

/** Runs the built sit, and asks its chunk loader at exit which chunks it loaded. */
function loadedChunks(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sit-start-up-'));
  const log = join(dir, 'loaded.json');
  const preload = join(dir, 'report.cjs');
  const loader = join(ROOT, 'dist', 'chunks.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(require(${JSON.stringify(loader)}).loadedChunks())));`,
  );
  const run = spawnSync(
    process.execPath,
    ['--require', preload, join(ROOT, 'bin', 'sit.js'), ...args, '--as-of', '2026-09-01', '--quiet'],
    { cwd: dir, encoding: 'utf8' },
  );
  const chunks: { name: string; cached: boolean }[] = JSON.parse(readFileSync(log, 'utf8'));
  return { run, chunks };
}

/** The modules a file of the bundle loads: require("x"), import("x"), a line's import/export ... from "x". */
function loadsOf(code: string): string[] {
  const specifier = '"([@\\w./:-]+)"';
  const loads = new RegExp(
    `\\brequire\\(${specifier}\\)|\\bimport\\(${specifier}\\)|^(?:import|export)\\b[^\\n]*?\\bfrom\\s*${specifier}`,
    'gm',
  );
  return [...code.matchAll(loads)].map((m) => m[1] ?? m[2] ?? m[3]).sort((a, b) => (a < b ? -1 : 1));
}
