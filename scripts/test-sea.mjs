#!/usr/bin/env node
// `npm run test:sea`: builds the Linux single executable (npm run package) and runs the end-to-end
// suite against it (SIT_BIN) with every folder that holds a `node` removed from PATH, so the
// binary is shown to need no Node installed. Vitest itself runs on this Node, by absolute path.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist', 'sit-linux-x64');
if (!process.argv.includes('--no-package') || !existsSync(bin)) {
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--target', 'linux-x64'], { stdio: 'inherit' });
}
// node sits in /usr/bin beside sh and everything else, so PATH cannot just lose that folder: it
// becomes one folder of links to every program on PATH except node.
const farm = mkdtempSync(join(tmpdir(), 'sit-path-'));
for (const dir of (process.env.PATH ?? '').split(delimiter)) {
  if (!dir || !existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    if (name === 'node' || name === 'nodejs' || existsSync(join(farm, name))) continue;
    try {
      symlinkSync(join(dir, name), join(farm, name));
    } catch {
      /* a name we already have */
    }
  }
}
const path = farm;
const probe = spawnSync('/bin/sh', ['-c', 'command -v node || true'], {
  env: { ...process.env, PATH: path },
  encoding: 'utf8',
});
if ((probe.stdout ?? '').trim()) throw new Error(`node is still on PATH: ${probe.stdout.trim()}`);
process.stderr.write(`test:sea: SIT_BIN=${bin}, no node on PATH\n`);
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...(files.length ? files : ['test/e2e'])],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: path, SIT_BIN: bin },
  },
);
rmSync(farm, { recursive: true, force: true });
process.exit(result.status ?? 1);
