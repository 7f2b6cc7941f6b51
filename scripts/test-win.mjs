#!/usr/bin/env node
// `npm run test:win`: the end-to-end smoke suite (test/win/cases.json) run by the Windows
// executable (dist/sit.exe) under Wine and by the Linux one (dist/sit-linux-x64), each in a fresh
// copy of fixtures/; exit codes, standard output, standard error and the files written must be
// the same bytes. Builds both first (npm run package) unless --no-package and they exist.
// Needs Debian's wine64 (apt-get install -y wine64). Wine's own folder (its "prefix") is made
// once in .cache/wine, set to Windows 10, so nothing outside the project is touched.
// Node under Wine needs standard output sent to a file, not a pipe: every run writes to files.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const WINE = process.env.SIT_WINE ?? '/usr/lib/wine/wine64';
const linux = join(root, 'dist', 'sit-linux-x64');
const windows = join(root, 'dist', 'sit.exe');
const prefix = process.env.WINEPREFIX ?? join(root, '.cache', 'wine');
const started = Date.now();
const say = (line) => process.stdout.write(`${line}\n`);

if (!existsSync(WINE)) {
  process.stderr.write(`test:win: ${WINE} not found; install Wine with: apt-get install -y wine64\n`);
  process.exit(1);
}
if (!process.argv.includes('--no-package') || !existsSync(linux) || !existsSync(windows)) {
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { stdio: 'inherit' });
}

const env = {
  ...process.env,
  WINEPREFIX: prefix,
  WINEDEBUG: '-all',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  TZ: 'Europe/London',
};
if (!existsSync(join(prefix, 'system.reg'))) {
  say(`test:win: making Wine's folder ${prefix} (once; about a minute)`);
  mkdirSync(prefix, { recursive: true });
  spawnSync(WINE, ['winecfg', '/v', 'win10'], { env, stdio: 'ignore' });
  // Wine writes the registry (system.reg) when its server exits, after winecfg returns: wait for it.
  spawnSync(join(dirname(WINE), 'wineserver'), ['-w'], { env, stdio: 'ignore' });
  if (!existsSync(join(prefix, 'system.reg'))) {
    process.stderr.write(`test:win: Wine could not make ${prefix}\n`);
    process.exit(1);
  }
}

const { cases } = JSON.parse(readFileSync(join(root, 'test', 'win', 'cases.json'), 'utf8'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const work = mkdtempSync(join(tmpdir(), 'sit-win-'));

/** One case in its own copy of fixtures/, with every stream a file. */
async function runCase(c, side) {
  const dir = join(work, side, c.name);
  cpSync(join(root, 'fixtures'), dir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(root, 'fixtures', 'expected')),
  });
  mkdirSync(join(dir, 'out'), { recursive: true });
  const stdout = join(work, side, `${c.name}.stdout`);
  const stderr = join(work, side, `${c.name}.stderr`);
  const fds = [openSync(c.stdin ? join(dir, c.stdin) : '/dev/null', 'r'), openSync(stdout, 'w'), openSync(stderr, 'w')];
  const [command, args] = side === 'windows' ? [WINE, [windows, ...c.args]] : [linux, c.args];
  const code = await new Promise((done) => {
    const child = spawn(command, args, { cwd: dir, env, stdio: fds, timeout: 300_000 });
    child.on('error', (error) => done(`not run: ${error.message}`));
    child.on('exit', (status, signal) => done(status ?? `signal ${signal}`));
  });
  fds.forEach(closeSync);
  return {
    code,
    streams: { stdout: readFileSync(stdout), stderr: readFileSync(stderr) },
    files: Object.fromEntries(
      (c.files ?? []).map((f) => [f, existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : null]),
    ),
  };
}

/** Where two byte strings first differ, with a little of each, for the failure message. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (x) => JSON.stringify(x.subarray(Math.max(0, i - 40), i + 60).toString('utf8'));
  return `differ at byte ${i} (sizes ${a.length} and ${b.length}):\n      linux:   ${show(a)}\n      windows: ${show(b)}`;
}

/** The differences between the two runs of a case; none is a pass. */
async function check(c) {
  const [l, w] = await Promise.all([runCase(c, 'linux'), runCase(c, 'windows')]);
  const problems = [];
  const wanted = c.code ?? 0;
  if (c.fails ? l.code === 0 : l.code !== wanted)
    problems.push(`linux exit code ${l.code}, expected ${c.fails ? 'a failure' : wanted}`);
  if (w.code !== l.code) problems.push(`exit code ${w.code} on Windows, ${l.code} on Linux`);
  for (const name of ['stdout', 'stderr']) {
    if (!l.streams[name].equals(w.streams[name]))
      problems.push(`${name} ${firstDifference(l.streams[name], w.streams[name])}`);
  }
  for (const [file, bytes] of Object.entries(l.files)) {
    if (bytes === null) problems.push(`${file}: not written on Linux`);
    else if (w.files[file] === null) problems.push(`${file}: not written on Windows`);
    else if (!bytes.equals(w.files[file])) problems.push(`${file} ${firstDifference(bytes, w.files[file])}`);
  }
  return problems;
}

// Two cases at a time, each run by both executables at once: Wine spends much of a run waiting.
const queue = cases.filter((c) => !only.length || only.includes(c.name));
let passed = 0;
let failed = 0;
await Promise.all(
  [0, 1].map(async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const t = Date.now();
      const problems = await check(c);
      const seconds = ((Date.now() - t) / 1000).toFixed(1);
      if (problems.length) failed++;
      else passed++;
      say(
        problems.length ? `✗ ${c.name} (${seconds} s)\n    ${problems.join('\n    ')}` : `✓ ${c.name} (${seconds} s)`,
      );
    }
  }),
);
rmSync(work, { recursive: true, force: true });
say(`test:win: ${Math.round((Date.now() - started) / 1000)} s`);
say(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
