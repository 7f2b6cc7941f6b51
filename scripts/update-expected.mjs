// Regenerates fixtures/expected/ from the built binary, for the cases in cases.json. Review the
// diff (git diff fixtures/expected) before committing: these files are what the tests hold sit to.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cases = JSON.parse(readFileSync(`${root}fixtures/expected/cases.json`, 'utf8'));
const only = process.argv.slice(2);
for (const c of cases) {
  if (only.length && !only.some((o) => c.file.includes(o))) continue;
  const result = spawnSync(process.execPath, [`${root}bin/sit.js`, ...c.args], {
    cwd: `${root}${c.cwd ?? ''}`,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== (c.code ?? 0)) {
    console.error(`${c.file}: exit ${result.status}\n${result.stderr}`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(`${root}fixtures/expected/${c.file}`, result.stdout);
  console.log(`wrote fixtures/expected/${c.file}`);
}
