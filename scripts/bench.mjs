#!/usr/bin/env node
// `npm run bench` (a benchmark, never a test): prints the three figures of SPEC section 8 with
// their ratios.
//   1. start-up: `sit --version` against bare `node -e 0` (goal: within 1.2x), median of runs;
//   2. `sit classify` on generated rows against Miller's `mlr --icsv --ocsv put` applying a
//      comparable tier rule to the same file (goal: no slower); skipped when mlr is absent;
//   3. peak memory of that classify (goal: under 200 MB), and at a tenth of the rows (flat).
// Options (environment): BENCH_ROWS (default 900000: every distinct 6-digit URN, see README),
// BENCH_RUNS (start-up runs, default 21). Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_SCHOOLS, writeSchools } from './gen-schools.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = Number(process.env.BENCH_ROWS ?? MAX_SCHOOLS);
const runs = Number(process.env.BENCH_RUNS ?? 21);
const sit = join(root, 'bin', 'sit.js');
const sea = join(root, 'dist', 'sit-linux-x64');
const cache = join(root, '.cache', 'bench');
const hasTime = existsSync('/usr/bin/time');
const say = (line) => process.stdout.write(`${line}\n`);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

if (!existsSync(join(root, 'dist', 'main.js'))) {
  say('dist/ is missing: run npm run build first');
  process.exit(1);
}

/** Runs a command once: wall seconds and peak resident memory (MB, when /usr/bin/time is here). */
function measure(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
        stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      })
    : spawnSync(command, args, {
        stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const kb = hasTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, mb: kb / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** Median wall time of each command, the runs interleaved so that a busy machine affects all alike. */
function startup(commands) {
  for (const [command, args] of commands) measure(command, args); // warm the file cache
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++)
    commands.forEach(([command, args], j) => times[j].push(measure(command, args).seconds));
  return times.map(median);
}

async function dataFile(n) {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `schools-${n}.csv`);
  if (!existsSync(file)) {
    say(`generating ${n} schools into ${file} ...`);
    await writeSchools(n, file);
  }
  return file;
}

say(`sit benchmark: Node ${process.version}, ${rows} rows`);
say('');
say(`1. start-up (median of ${runs} runs)`);
const [bare, version, single] = startup([
  [process.execPath, ['-e', '0']],
  [process.execPath, [sit, '--version']],
  ...(existsSync(sea) ? [[sea, ['--version']]] : []),
]);
say(`   node -e 0              ${(bare * 1000).toFixed(0)} ms`);
say(
  `   sit --version          ${(version * 1000).toFixed(0)} ms   ${ratio(version, bare)} of bare node (goal: within 1.2x)`,
);
if (single !== undefined)
  say(
    `   sit-linux-x64 --version ${(single * 1000).toFixed(0)} ms   ${ratio(single, bare)} (the single executable, its own Node 22)`,
  );

say('');
const big = await dataFile(rows);
const small = await dataFile(Math.max(1, Math.floor(rows / 10)));
say(`2. classify ${rows} rows (${(statSync(big).size / 1e6).toFixed(0)} MB of CSV), CSV out to /dev/null`);
const classifyArgs = (file) => [
  sit,
  'classify',
  file,
  '--preset',
  'rlt-categories',
  '--as-of',
  '2026-09-01',
  '--format',
  'csv',
  '--quiet',
];
const ours = measure(process.execPath, classifyArgs(big));
say(`   sit classify           ${ours.seconds.toFixed(1)} s   (${((ours.seconds / rows) * 1e6).toFixed(1)} us a row)`);
const mlr = spawnSync('mlr', ['--version'], { encoding: 'utf8' });
if (mlr.status === 0) {
  // The rlt-categories rule in Miller's language: the same columns read, the same tiers written.
  const rule = `
    if ($ofsted_overall =~ "^(Requires improvement|Inadequate|RI|3|4)$" || $ofsted_category != "") { $tier = "D"; $days = "" }
    elif ($leadership_capacity == "insufficient") { $tier = "D"; $days = "" }
    elif ($leadership_capacity == "needs-support") { $tier = "C"; $days = 15 }
    elif ($ofsted_overall =~ "^(Outstanding|Good|1|2)$" && $leadership_capacity == "supports-others") { $tier = "A"; $days = 12 }
    else { $tier = "B"; $days = "" }`;
  const theirs = measure('mlr', ['--icsv', '--ocsv', 'put', rule, big]);
  say(`   ${mlr.stdout.trim().padEnd(22)} ${theirs.seconds.toFixed(1)} s`);
  say(`   ratio                  ${ratio(ours.seconds, theirs.seconds)} of Miller's time (goal: 1.00x or less)`);
} else {
  say('   Miller (mlr) is not installed: skipped (apt-get install miller)');
}

say('');
say('3. peak memory of sit classify (resident set)');
if (hasTime) {
  const tenth = measure(process.execPath, classifyArgs(small));
  say(`   ${String(Math.floor(rows / 10)).padStart(7)} rows          ${tenth.mb.toFixed(0)} MB`);
  say(
    `   ${String(rows).padStart(7)} rows          ${ours.mb.toFixed(0)} MB   (goal: under 200 MB; ${ratio(ours.mb, tenth.mb)} for 10x the rows)`,
  );
} else {
  say('   /usr/bin/time is not installed: skipped');
}
