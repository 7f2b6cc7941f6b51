// A process that appends COUNT entries to a visit log, through the same appendLogEntry as
// sit log add: two of these at once test the lock between real processes. Each writes READY.WHO
// and starts when both have (so they run together, however long each took to load), and pauses a
// moment between entries, as separate sit log add runs would.
// Usage (bundled by the test with esbuild): node worker.mjs LOG WHO OTHER COUNT
import { existsSync, writeFileSync } from 'node:fs';
import { appendLogEntry } from '../../src/io/log-append.js';

const [path, who, other, count] = process.argv.slice(2);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
writeFileSync(`${path}.ready.${who}`, '');
while (!existsSync(`${path}.ready.${other}`)) await pause(5);
for (let i = 0; i < Number(count); i++) {
  await appendLogEntry(path, 'log.csv', {
    date: '2027-01-12',
    urn: 100004,
    activity: 't3-school-wfap',
    person: 'Sam Okafor',
    days: 1,
    outcome: null,
    notes: `${who}${i}, "quoted"`,
  });
  await pause(1);
}
