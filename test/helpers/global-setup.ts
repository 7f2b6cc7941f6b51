// Once for the whole run, before any test file: build the bundle the end-to-end tests run
// (bin/sit.js loads dist/; `npm test` has no separate build step), and put every test's temporary
// folders under one folder for the run, removed when the run ends. Workers (and the sit processes
// tests spawn) inherit TMPDIR, which os.tmpdir() reads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(): () => void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'sit-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
