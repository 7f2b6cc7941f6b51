#!/usr/bin/env node
// `npm run bench` (a benchmark, never a test; `npm run build` first): the figures of SPEC section 8,
// each beside its peer, measured in one run, with the ratio, the goal, and met or not met.
//   1. start-up: `sit --version`, and `sit classify` of the fixtures, against bare `node -e 0`
//      (goals: within 1.2x and 2x), the runs interleaved, medians; that classify again with the
//      repository's settings-only config and with a whole policy as `sit init` writes it;
//   2. `sit classify` (rlt-categories, CSV) on BENCH_ROWS generated rows against
//      `mlr --icsv --ocsv put` with the same rule as equality tests (goal: no slower; aim: half),
//      with `mlr --icsv --ocsv cat` and a plain single-pass Node program
//      (scripts/plain-classify.mjs, the same rule) beside it;
//   3. the whole of England, BENCH_SCHOOLS generated schools under BENCH_PRESET: classify, budget,
//      report, explain and diff, and classify as HTML and as an Excel workbook, each under a second;
//   4. the year's calendar of those schools as CSV against `mlr --icsv --ocsv cat` of that CSV
//      (goal: no slower);
//   5. the largest real Ofsted file in ../shared/data (no national file is there) against
//      `mlr --icsv --ocsv cat` of it (goal: within 2x), with `node -e 0` beside (no Node program
//      can be faster); then a national-size file built from it (its data rows repeated to
//      BENCH_SCHOOLS rows, the URNs renumbered, every other byte as the real file has it: the same
//      layout and encoding) against `mlr --icsv --ocsv cat` of that (goal: within 2x), and the same
//      rows in Windows-1252, as GOV.UK publishes the national file (goal: within 2x);
//   6. peak memory (max RSS, from /usr/bin/time -f %M) of every command above (goal for sit:
//      under 200 MB), with the peers' beside.
// Options (environment):
//   BENCH_ROWS     rows for section 2 (default 900000: every distinct 6-digit URN)
//   BENCH_SCHOOLS  schools for sections 3 and 4, and the national-size Ofsted file's rows in 5 (default 22000)
//   BENCH_PRESET   the policy of sections 3 and 4 (default four-tier: the largest schedule)
//   BENCH_RUNS     start-up runs (default 21), and runs of each command in section 5 (at most 5)
//   BENCH_BIG_RUNS runs of each command in sections 2-4, interleaved, median (default 1)
//   BENCH_TIMEOUT  seconds before a command is stopped and shown as "over N s" (default 120)
//   BENCH_ONLY     sections to run, by name: startup,classify,england,calendar,ofsted
//   BENCH_MD=1     print the table as Markdown (for the README)
// Every command runs without NODE_EXTRA_CA_CERTS and NODE_OPTIONS: a machine's own settings for
// Node, which sit does not need and which weigh on every Node start alike (a CA bundle named there
// is read and parsed before any script runs: ~85 ms here, twice bare Node's start), so that they
// would hide sit's own start-up in the ratios.
// Generated files are kept in .cache/bench/; outputs go to /dev/null, except the calendar's CSV,
// which Miller reads and which is removed after. Commands run in an empty temporary folder, so no
// trust.config.yaml is read: the policy is the preset named, the calendar the shipped terms.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_SCHOOLS, writeSchools } from './gen-schools.mjs';
import { CsvSplitter, millerRule } from './plain-classify.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const rows = env('BENCH_ROWS', MAX_SCHOOLS);
const schools = env('BENCH_SCHOOLS', 22_000);
const runs = env('BENCH_RUNS', 21);
const bigRuns = env('BENCH_BIG_RUNS', 1);
const timeout = env('BENCH_TIMEOUT', 120);
const preset = process.env.BENCH_PRESET ?? 'four-tier';
const only = new Set((process.env.BENCH_ONLY ?? 'startup,classify,england,calendar,ofsted').split(','));
const markdown = process.env.BENCH_MD === '1';
const AS_OF = '2026-09-01';
const LIMIT_MB = 200;

const sit = join(root, 'bin', 'sit.js');
const sea = join(root, 'dist', 'sit-linux-x64');
const cache = join(root, '.cache', 'bench');
const data = join(root, '..', 'shared', 'data');
const work = mkdtempSync(join(tmpdir(), 'sit-bench-'));
const hasTime = existsSync('/usr/bin/time');
const hasTimeout = existsSync('/usr/bin/timeout');
const mlrVersion = spawnSync('mlr', ['--version'], { encoding: 'utf8' });
const hasMlr = mlrVersion.status === 0;
const node = process.execPath;
const say = (line = '') => process.stdout.write(`${line}\n`);

if (!existsSync(join(root, 'dist', 'main.cjs'))) {
  say('dist/ is missing: run npm run build first');
  process.exit(1);
}
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/**
 * Runs a command once, its output to `out` (a file descriptor, default /dev/null): wall seconds,
 * CPU seconds (user + system) and peak resident memory in MB (from /usr/bin/time), or why not.
 * A command still running after BENCH_TIMEOUT seconds is stopped (timeout's TERM, then KILL).
 * `bare`: wall time only, the command started directly (start-up, where the wrappers' few
 * milliseconds would be a share of the figure).
 */
function measure([command, ...args], out = devNull, bare = false) {
  const timed =
    hasTimeout && !bare ? ['/usr/bin/timeout', '-k', '5', String(timeout), command, ...args] : [command, ...args];
  const full = hasTime && !bare ? ['/usr/bin/time', '-f', 'bench: %U %S %M', ...timed] : timed;
  const started = process.hrtime.bigint();
  const result = spawnSync(full[0], full.slice(1), {
    cwd: work,
    stdio: ['ignore', out, 'pipe'],
    encoding: 'utf8',
    env: commandEnv,
    maxBuffer: 1 << 26,
    timeout: hasTimeout && !bare ? undefined : timeout * 1000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = result.stderr.trimEnd().split('\n');
  const usage = hasTime && !bare ? lines.findLast((line) => line.startsWith('bench: ')) : undefined;
  const [user, system, kb] = usage ? usage.slice(7).split(' ').map(Number) : [NaN, NaN, NaN];
  // timeout exits 124 (137 after its KILL); /usr/bin/time passes the status on; without
  // timeout, spawnSync's own limit kills the command
  const timedOut = result.status === 124 || result.status === 137 || result.error?.code === 'ETIMEDOUT';
  const said = lines.filter((line) => !/^(bench: |Command )/.test(line)).pop() ?? '';
  const failed = !timedOut && result.status !== 0 ? `exit ${result.status}: ${said}`.slice(0, 120) : null;
  return { seconds, cpu: user + system, mb: kb / 1024, timedOut, failed };
}
const devNull = openSync('/dev/null', 'w');
const commandEnv = { ...process.env, NO_COLOR: '1' };
delete commandEnv.NODE_EXTRA_CA_CERTS;
delete commandEnv.NODE_OPTIONS;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/**
 * Each command `n` times, the runs interleaved so that a busy machine slows all alike: median
 * times and the peak memory. `warm`: one run of each first (the file cache), which gives the
 * memory, then `n` bare runs, timed only.
 */
function interleaved(commands, n, warm = false) {
  const first = warm ? commands.map((command) => measure(command)) : [];
  const all = commands.map(() => []);
  for (let i = 0; i < n; i++) commands.forEach((command, j) => all[j].push(measure(command, devNull, warm)));
  return all.map((ms, j) => {
    const bad = [first[j], ...ms].find((m) => m && (m.timedOut || m.failed));
    if (bad) return bad;
    const mbs = [first[j], ...ms].map((m) => m?.mb).filter(Number.isFinite);
    return {
      seconds: median(ms.map((m) => m.seconds)),
      cpu: median(ms.map((m) => m.cpu)),
      mb: mbs.length > 0 ? Math.max(...mbs) : Number.NaN,
    };
  });
}

async function generated(n) {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `schools-${n}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${n} schools into ${file} ...\n`);
    await writeSchools(n, `${file}.part`);
    renameSync(`${file}.part`, file);
  }
  return file;
}

/** The cells of one CSV line, split as the plain pass splits. */
function cellsOf(line) {
  const splitter = new CsvSplitter();
  return [...splitter.push(`${line}\n`), ...splitter.end()][0]?.fields ?? [];
}

/**
 * A national-size file made from a real one, built once into .cache/bench/: the real file's data
 * rows repeated in order to `n` rows, each row's URN renumbered 100000 upward in the cell's own
 * form (103120.0 becomes 100000.0), so that every row is a different school. Every other byte is
 * the real file's (read and written as latin1, byte for byte): its layout, its encoding, its line
 * breaks, its index column. `why` instead of `file` when a row is not one line or has no URN
 * cell to renumber.
 */
function nationalSize(real, n) {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${basename(real, '.csv')}-rows-to-${n}.csv`);
  if (existsSync(file)) return { file };
  const text = readFileSync(real, 'latin1');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  if (lines.at(-1) === '') lines.pop();
  const at = lines.findIndex((line) => cellsOf(line).some((c) => c.trim().toLowerCase() === 'urn'));
  if (at < 0) return { why: 'no URN column' };
  const urn = cellsOf(lines[at]).findIndex((c) => c.trim().toLowerCase() === 'urn');
  const rows = lines.slice(at + 1);
  if (rows.length === 0) return { why: 'no rows' };
  // A row cut by a line break inside quotes has an odd number of quotes on each of its lines.
  if (rows.some((line) => line.split('"').length % 2 === 0)) return { why: 'a row spans lines' };
  const renumbered = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length];
    let start = 0;
    for (let c = 0; c < urn; c++) {
      const next = row.indexOf(',', start);
      if (next < 0 || row.slice(start, next).includes('"')) return { why: 'a quoted cell before the URN' };
      start = next + 1;
    }
    const end = row.indexOf(',', start) < 0 ? row.length : row.indexOf(',', start);
    const cell = row.slice(start, end);
    if (!/^\d{6}(\.0+)?$/.test(cell)) return { why: `a URN cell "${cell}"` };
    renumbered.push(`${row.slice(0, start)}${100000 + i}${cell.slice(6)}${row.slice(end)}`);
  }
  writeFileSync(`${file}.part`, [...lines.slice(0, at + 1), ...renumbered, ''].join(eol), 'latin1');
  renameSync(`${file}.part`, file);
  return { file };
}

/**
 * The national-size file in Windows-1252, as GOV.UK publishes the national file (the real file in
 * ../shared/data was written as UTF-8 by pandas, its en dashes left as U+0096): each character the
 * one byte it was, built once beside it. `why` when a character is not one byte in Windows-1252.
 */
function inWindows1252(file) {
  const out = file.replace(/\.csv$/, '-windows-1252.csv');
  if (existsSync(out)) return { file: out };
  const text = readFileSync(file, 'utf8');
  if (/[\u0100-\uffff]/.test(text)) return { why: 'a character that is not one byte in Windows-1252' };
  writeFileSync(`${out}.part`, text, 'latin1');
  renameSync(`${out}.part`, out);
  return { file: out };
}

// The report: one line a figure, each with its peer, the ratio, the goal and the verdict.
const table = [];
const memory = [];
const heading = (text) => {
  process.stderr.write(`${text}\n`); // progress: the whole run takes minutes
  table.push({ heading: text });
};
const time = (m) =>
  m.timedOut
    ? `over ${timeout} s`
    : m.failed
      ? `failed (${m.failed})`
      : m.seconds < 1
        ? `${(m.seconds * 1000).toFixed(0)} ms`
        : `${m.seconds.toFixed(m.seconds < 10 ? 2 : 1)} s`;
const cpu = (m) => (Number.isFinite(m.cpu) ? ` (cpu ${m.cpu.toFixed(2)} s)` : '');
const ok = (m) => m && !m.timedOut && !m.failed;

/**
 * A line: ours against a peer, goal the largest ratio allowed (null: reported, no goal). A command
 * stopped at the timeout has no ratio but is known to miss a goal its peer did not need minutes for.
 */
function compare(figure, ours, peerName, peer, goal, goalText, aim) {
  let ratio = '-';
  let result;
  if (peer === null) result = goal !== null && !ok(ours) ? 'not met' : 'skipped';
  else if (ok(ours) && ok(peer)) {
    const r = ours.seconds / peer.seconds;
    ratio = `${r.toFixed(2)}x`;
    result = goal === null ? 'reported' : r <= goal ? 'met' : 'not met';
    if (aim !== undefined) result += r <= aim ? ', aim met' : ', aim not met';
  } else result = goal === null || ok(ours) ? 'no figure' : 'not met';
  const why = hasMlr ? 'sit did not finish' : 'mlr not installed';
  table.push({
    figure,
    sit: `${time(ours)}${cpu(ours)}`,
    peer: peer === null ? `${peerName}: skipped (${why})` : `${peerName}: ${time(peer)}${cpu(peer)}`,
    ratio,
    goal: goalText,
    result,
  });
}

/** A line with a goal in seconds and no peer. */
function within(figure, ours, limit) {
  table.push({
    figure,
    sit: `${time(ours)}${cpu(ours)}`,
    peer: '-',
    ratio: '-',
    goal: `under ${limit} s`,
    result: ok(ours) && ours.seconds < limit ? 'met' : 'not met',
  });
}

/** Peak memory of a sit command, its peers' beside (by name). */
function remember(what, ours, peers = []) {
  memory.push({ what, ours, peers });
}
const mb = (m) =>
  !hasTime
    ? 'not measured (no /usr/bin/time)'
    : Number.isFinite(m.mb)
      ? `${m.mb.toFixed(0)} MB${ok(m) ? '' : ' when stopped'}`
      : 'no figure';

const howMany = bigRuns === 1 ? 'one run each' : `median of ${bigRuns} interleaved runs`;
const sitArgs = (...args) => [node, sit, ...args, '--as-of', AS_OF, '--quiet'];
const mlr = (...args) => ['mlr', '--icsv', '--ocsv', ...args];
const started = new Date();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadBefore = load();

// 1. Start-up
if (only.has('startup')) {
  heading(`1. start-up (median of ${runs} interleaved runs, wall only; memory from one warm-up run each)`);
  const fixtures = join(root, 'fixtures', 'schools.csv');
  // A trust's own config as `sit init --preset four-tier` writes it: the whole policy as YAML (24
  // KB), which every command in that trust's folder reads and checks. Reported, with no goal of
  // its own: the road most real runs take, which the settings-only config above does not.
  const trustFolder = join(work, 'trust');
  mkdirSync(trustFolder);
  const init = spawnSync(node, [sit, 'init', '--preset', 'four-tier'], {
    cwd: trustFolder,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: commandEnv,
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`bench: sit init failed: ${init.stderr}`);
  const commands = [
    [node, '-e', '0'],
    [node, sit, '--version'],
    sitArgs('classify', fixtures, '--preset', 'rlt-categories', '--format', 'csv'),
    // The README's first command, run in the repository: its trust.config.yaml (the fixture team)
    // is read and checked as well (YAML and zod at start-up, which the shipped presets skip).
    sitArgs('classify', fixtures, '--preset', 'rlt-categories', '--config', join(root, 'trust.config.yaml')),
    sitArgs('classify', fixtures, '--config', join(trustFolder, 'trust.config.yaml'), '--format', 'csv'),
    ...(existsSync(sea) ? [[sea, '--version']] : []),
  ];
  const [bare, version, fixture, configured, initialised, single] = interleaved(commands, runs, true);
  compare('sit --version', version, 'node -e 0', bare, 1.2, 'within 1.2x');
  compare('sit classify fixtures/schools.csv', fixture, 'node -e 0', bare, 2, 'within 2x');
  compare(
    "the same with the repository's trust.config.yaml (the README's first command)",
    configured,
    'node -e 0',
    bare,
    2,
    'within 2x',
  );
  compare(
    'the same with a config as `sit init --preset four-tier` writes it (the whole policy)',
    initialised,
    'node -e 0',
    bare,
    null,
    '-',
  );
  if (single) compare('dist/sit-linux-x64 --version (its own Node 22)', single, 'node -e 0', bare, null, '-');
  remember('sit --version', version, [['node -e 0', bare]]);
  remember('sit classify of the fixtures', fixture);
}

// 2. Classify a large file
if (only.has('classify')) {
  const file = await generated(rows);
  const size = `${(statSync(file).size / 1e6).toFixed(0)} MB`;
  heading(
    `2. classify ${rows.toLocaleString('en-GB')} generated rows (${size} of CSV, rlt-categories, CSV to /dev/null, ${howMany})`,
  );
  const commands = [
    sitArgs('classify', file, '--preset', 'rlt-categories', '--format', 'csv'),
    [node, join(root, 'scripts', 'plain-classify.mjs'), file, AS_OF],
    ...(hasMlr ? [mlr('put', millerRule(AS_OF), file), mlr('cat', file)] : []),
  ];
  checkRule(await generated(Math.min(rows, 5000)), commands);
  const [ours, plain, put = null, cat = null] = interleaved(commands, bigRuns);
  compare('sit classify', ours, 'mlr put, equality rule', put, 1, 'at most 1.0x (aim 0.5x)', 0.5);
  compare('sit classify', ours, 'mlr cat', cat, null, '-');
  compare('sit classify', ours, 'plain Node pass', plain, null, '-');
  remember(`sit classify, ${rows.toLocaleString('en-GB')} rows`, ours, [
    ['mlr put', put],
    ['mlr cat', cat],
    ['plain Node', plain],
  ]);
}

/**
 * That the peers apply sit's rule: sit, the plain pass and `mlr put` (the first three commands, on
 * `file` instead) give each row of `file` the same tier and days, or the comparison is void.
 */
function checkRule(file, commands) {
  const placed = ([command, ...args]) => {
    const swapped = args.map((arg) => (arg.endsWith('.csv') ? file : arg));
    const csv = spawnSync(command, swapped, {
      cwd: work,
      env: commandEnv,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }).stdout;
    const splitter = new CsvSplitter();
    const [header, ...records] = [...splitter.push(csv), ...splitter.end()];
    const at = ['urn', 'tier', 'days'].map((name) => header?.fields.indexOf(name) ?? -1);
    return records.map((record) => at.map((i) => record.fields[i]).join(','));
  };
  const [ours, ...peers] = commands.slice(0, 3).map(placed);
  const differing = (theirs) =>
    ours.length === 0 ? 'sit wrote nothing' : `${ours.filter((row, i) => row !== theirs[i]).length} differ`;
  const verdicts = peers.map(differing);
  table.push({
    figure: `the rule: tier and days of ${ours.length.toLocaleString('en-GB')} rows as sit gives them`,
    sit: `${ours.length.toLocaleString('en-GB')} placed`,
    peer: [`plain Node: ${verdicts[0]}`, ...(hasMlr ? [`mlr put: ${verdicts[1]}`] : [])].join('; '),
    ratio: '-',
    goal: 'none differ',
    result: ours.length > 0 && verdicts.every((v) => v === '0 differ') ? 'met' : 'not met',
  });
}

// 3 and 4. The whole of England
const england = only.has('england') || only.has('calendar') ? await generated(schools) : null;
const count = schools.toLocaleString('en-GB');
if (only.has('england')) {
  heading(
    `3. England: ${count} generated schools under ${preset}, output to /dev/null, ${howMany} (explain: the last school; diff: the file against itself, OLD placed a year earlier)`,
  );
  const last = String(100000 + (((schools - 1) * 7919) % MAX_SCHOOLS)); // the last school's URN
  const commands = [
    ['classify (CSV)', sitArgs('classify', england, '--preset', preset, '--format', 'csv')],
    ['budget (CSV)', sitArgs('budget', england, '--preset', preset, '--format', 'csv')],
    ['report (HTML)', sitArgs('report', england, '--preset', preset, '--format', 'html')],
    ['explain (CSV)', sitArgs('explain', last, england, '--preset', preset, '--format', 'csv')],
    ['diff (CSV)', sitArgs('diff', england, england, '--preset', preset, '--format', 'csv')],
    // The formats a person opens: the page and the workbook of the same placements.
    ['classify (HTML)', sitArgs('classify', england, '--preset', preset, '--format', 'html')],
    ['classify (XLSX)', sitArgs('classify', england, '--preset', preset, '--format', 'xlsx')],
  ];
  const results = interleaved(
    commands.map(([, command]) => command),
    bigRuns,
  );
  commands.forEach(([name, command], i) => {
    within(`sit ${name}`, results[i], 1);
    const format = /\((HTML|XLSX)\)$/.exec(name)?.[1];
    const shown = format && command[2] === 'classify' ? ` --format ${format.toLowerCase()}` : '';
    remember(`sit ${command[2]}${shown}, ${count} schools`, results[i]);
  });
}
if (only.has('calendar')) {
  heading(
    `4. England's year calendar: ${count} schools under ${preset}, CSV to a file, one run; then mlr cat of that file`,
  );
  const csv = join(work, 'calendar.csv');
  const out = openSync(csv, 'w');
  const ours = measure(sitArgs('calendar', england, '--year', '--preset', preset, '--format', 'csv'), out);
  closeSync(out);
  let cat = null;
  let about = '';
  if (hasMlr && ok(ours)) {
    cat = measure(mlr('cat', csv));
    const lines = spawnSync('wc', ['-l', csv], { encoding: 'utf8' }).stdout.split(' ')[0];
    about = ` (${(Number(lines) - 1).toLocaleString('en-GB')} events, ${(statSync(csv).size / 1e6).toFixed(0)} MB)`;
  }
  rmSync(csv, { force: true });
  compare(`sit calendar --year${about}`, ours, 'mlr cat of that CSV', cat, 1, 'at most 1.0x');
  remember(`sit calendar --year, ${count} schools`, ours, [['mlr cat', cat]]);
}

// 5. A real Ofsted file, and a national-size one made from it
if (only.has('ofsted')) {
  const files = existsSync(data)
    ? readdirSync(data)
        .filter((name) => /^ofsted-.*\.csv$/.test(name))
        .map((name) => join(data, name))
        .sort((a, b) => statSync(b).size - statSync(a).size)
    : [];
  if (files.length === 0) heading(`5. a real Ofsted file: none in ${data}, skipped`);
  else {
    const file = files[0];
    const name = file.split('/').pop();
    const lines = spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.split(' ')[0];
    const n = Math.min(runs, 5);
    heading(
      `5. the largest real Ofsted file here: ${name} (${Number(lines) - 1} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB; not national), median of ${n}, wall only`,
    );
    const commands = [
      sitArgs('classify', file, '--format', 'csv'),
      [node, '-e', '0'],
      ...(hasMlr ? [mlr('cat', file)] : []),
    ];
    const [ours, bare, cat = null] = interleaved(commands, n, true);
    compare("sit classify (the layout's own policy)", ours, 'mlr cat', cat, 2, 'within 2x');
    // The floor: Node's own start-up, before sit reads a byte.
    compare('node -e 0 (Node starting, nothing read)', bare, 'mlr cat', cat, null, '-');
    remember('sit classify of the Ofsted file', ours, [['mlr cat', cat]]);

    const national = nationalSize(file, schools);
    const made = `${name}'s rows repeated to ${count} schools, URNs renumbered`;
    if (!national.file) heading(`5b. a national-size Ofsted file: not made from ${name} (${national.why}), skipped`);
    else {
      const size = `${(statSync(national.file).size / 1e6).toFixed(0)} MB`;
      heading(
        `5b. a national-size Ofsted file: ${made}, every other cell as the real file has it (${size}, the same layout and encoding), median of ${n} interleaved runs`,
      );
      const legacy = inWindows1252(national.file);
      const pair = (path) => [sitArgs('classify', path, '--format', 'csv'), ...(hasMlr ? [mlr('cat', path)] : [])];
      const both = [...pair(national.file), ...(legacy.file ? pair(legacy.file) : [])];
      const results = interleaved(both, n);
      const [oursBig, catBig = null] = results;
      compare("sit classify (the layout's own policy)", oursBig, 'mlr cat', catBig, 2, 'within 2x');
      remember(`sit classify of the national-size Ofsted file (${count} schools)`, oursBig, [['mlr cat', catBig]]);
      if (!legacy.file) heading(`5b. the same rows in Windows-1252: not made (${legacy.why}), skipped`);
      else {
        const [ours1252, cat1252 = null] = results.slice(hasMlr ? 2 : 1);
        compare(
          'the same rows in Windows-1252, as GOV.UK publishes the national file: sit classify',
          ours1252,
          'mlr cat',
          cat1252,
          2,
          'within 2x',
        );
        remember(`sit classify of the national-size file in Windows-1252 (${count} schools)`, ours1252, [
          ['mlr cat', cat1252],
        ]);
      }
    }
  }
}

// 6. Memory
heading(`6. peak memory (max RSS), goal for every sit command: under ${LIMIT_MB} MB`);
for (const { what, ours, peers } of memory)
  table.push({
    figure: what,
    sit: mb(ours),
    peer: peers.map(([name, m]) => `${name}: ${m ? mb(m) : 'skipped'}`).join('; ') || '-',
    ratio: '-',
    goal: `under ${LIMIT_MB} MB`,
    result: !Number.isFinite(ours.mb)
      ? 'no figure'
      : ours.mb >= LIMIT_MB
        ? 'not met'
        : ok(ours)
          ? 'met'
          : 'no figure (stopped)',
  });

// Print
const columns = ['figure', 'sit', 'peer', 'ratio', 'goal', 'result'];
say(
  `sit benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: Node ${process.version}, ${hasMlr ? mlrVersion.stdout.trim() : 'no Miller'}, ${availableParallelism()} cores, load average ${loadBefore} before and ${load()} after`,
);
say(
  'Times are wall clock (cpu: user + system, from /usr/bin/time); a command stopped at BENCH_TIMEOUT shows "over N s".',
);
say();
if (markdown) {
  say(`| ${columns.join(' | ')} |`);
  say(`|${columns.map(() => '---').join('|')}|`);
  for (const row of table)
    say(
      row.heading
        ? `| **${row.heading}** ||||||`
        : `| ${columns.map((c) => row[c].replaceAll('|', '\\|')).join(' | ')} |`,
    );
} else {
  const widths = columns.map((c) => Math.max(c.length, ...table.filter((r) => !r.heading).map((r) => r[c].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  say(line(columns));
  for (const row of table) {
    if (row.heading) say(`\n${row.heading}`);
    else say(line(columns.map((c) => row[c])));
  }
}
