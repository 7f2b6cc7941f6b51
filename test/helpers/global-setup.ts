// Once for the whole run, before any test file: build the bundle the end-to-end tests run
// (bin/sit.js loads dist/; `npm test` has no separate build step), and put every test's temporary
// folders under one folder for the run, removed when the run ends. Workers (and the sit processes
// tests spawn) inherit TMPDIR, which os.tmpdir() reads.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MEMORY = '/dev/shm';

/**
 * Where the run's folder goes: the tests create and remove thousands of small files (the
 * bad-input corpus is copied afresh for each case), which on a disk mounted with discard cost a
 * millisecond or more each, so a memory file system with a gigabyte free is used when there is
 * one, unless TMPDIR names a place.
 */
function tempBase(): string {
  if (process.env.TMPDIR) return tmpdir();
  try {
    accessSync(MEMORY, constants.W_OK);
    const fs = statfsSync(MEMORY);
    if (fs.bavail * fs.bsize >= 2 ** 30) return MEMORY;
  } catch {
    // No such folder (macOS, Windows), or not ours to write: the usual temporary folder.
  }
  return tmpdir();
}

export default function setup(): () => void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const dir = mkdtempSync(join(tempBase(), 'sit-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // A worker's Chromium (test/helpers/browser.ts) is ended as its worker exits and may still be
    // writing its profile here a moment later: removing the folder then fails with ENOTEMPTY once,
    // which would fail the run after every test passed. rmSync tries again for that.
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  };
}
