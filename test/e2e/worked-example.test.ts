// The README's worked example ("One school through a term") is run as written, step by step, in
// a copy of examples/year-in-motion: each `$ ` line of its console blocks, `sit` in process as a
// terminal 120 columns wide shows it (no colour), anything else (cp, echo >>) by bash. What a
// block shows under its commands must be what they printed, standard output then standard error;
// a line `...` stands for any number of lines. So the README cannot drift from what sit does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInProcess } from '../helpers/run-sit.js';

const SECTION = '### One school through a term';

interface Step {
  commands: string[];
  shows: string[];
}

/** The worked example's text: from its heading to the next heading outside a code block. */
function sectionOf(readme: string): string {
  const all = readme.split('\n');
  const start = all.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  let fenced = false;
  for (let i = start + 1; i < all.length; i++) {
    if (all[i].startsWith('```')) fenced = !fenced;
    else if (!fenced && /^#{1,3} /.test(all[i])) return all.slice(start, i).join('\n');
  }
  return all.slice(start).join('\n');
}

/** The console blocks of the README's worked example, each its commands and what it shows. */
function workedExample(readme: string): Step[] {
  const section = sectionOf(readme);
  const steps: Step[] = [];
  for (const block of section.matchAll(/```console\n([\s\S]*?)```/g)) {
    const step: Step = { commands: [], shows: [] };
    let continuing = false;
    for (const line of block[1].replace(/\n$/, '').split('\n')) {
      if (continuing) step.commands[step.commands.length - 1] += ` ${line.trim()}`;
      else if (line.startsWith('$ ') && step.shows.length === 0) step.commands.push(line.slice(2));
      else step.shows.push(line);
      continuing = /\s\\$/.test(line) && !step.shows.length;
      if (continuing)
        step.commands[step.commands.length - 1] = step.commands[step.commands.length - 1].replace(/\s*\\$/, '');
    }
    steps.push(step);
  }
  return steps;
}

/** A command line split into words as a POSIX shell would for these examples: quotes, no expansion. */
function words(command: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unclosed quote in: ${command}`);
  if (word !== null) out.push(word);
  return out;
}

/** Whether `actual` lines are `expected` lines, a `...` line standing for any number of lines. */
function shows(expected: string[], actual: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  if (expected[0] === '...')
    return actual.some((_, i) => shows(expected.slice(1), actual.slice(i))) || shows(expected.slice(1), []);
  return actual.length > 0 && actual[0] === expected[0] && shows(expected.slice(1), actual.slice(1));
}

/** Lines as a terminal shows them: trailing spaces and blank lines at the end are not seen. */
const lines = (text: string): string[] => {
  const seen = text.replace(/\s+$/, '');
  return seen === '' ? [] : seen.split('\n').map((l) => l.trimEnd());
};

function updateReadme(steps: Step[], printedBy: string[][]): void {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const section = sectionOf(readme);
  let i = 0;
  const updated = section.replace(/```console\n([\s\S]*?)```/g, (block) => {
    const step = steps[i];
    const printed = printedBy[i++];
    if (!step || step.shows.includes('...')) return block;
    const commands = block.slice('```console\n'.length).split('\n');
    const kept = commands.slice(
      0,
      commands.findIndex((l, j) => j > 0 && !commands[j - 1].endsWith('\\') && !l.startsWith('$ ')),
    );
    return ['```console', ...kept, ...printed, '```'].join('\n');
  });
  writeFileSync(
    path,
    readme.replace(section, () => updated),
  );
}

describe('the README worked example: one school through a term', () => {
  it('the harness reads words, shows and blocks as a reader would', () => {
    expect(words(`sit log add --person "Jordan Hale" --outcome 'It''s done' -x`)).toEqual([
      'sit',
      'log',
      'add',
      '--person',
      'Jordan Hale',
      '--outcome',
      'Its done',
      '-x',
    ]);
    expect(shows(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(shows(['a', '...', 'd'], ['a', 'd'])).toBe(true);
    expect(shows(['a', '...', 'd'], ['a', 'b', 'c'])).toBe(false);
    expect(shows(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    const steps = workedExample(
      `x\n${SECTION}\n\n\`\`\`console\n$ sit a \\\n  --b c\nout\n\`\`\`\n### Next\n\`\`\`console\n$ no\n\`\`\`\n`,
    );
    expect(steps).toEqual([{ commands: ['sit a --b c'], shows: ['out'] }]);
  });

  it('every step prints what the README shows', async () => {
    const steps = workedExample(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    // The story needs its steps: a plan, three visits logged, a re-tiering, the budget and the card.
    const all = steps.flatMap((s) => s.commands).join('\n');
    expect(all.match(/sit log add/g)?.length).toBe(3);
    for (const needed of ['sit calendar', 'tier-changes.csv', 'sit budget', 'sit card']) expect(all).toContain(needed);

    const home = mkdtempSync(join(tmpdir(), 'sit-worked-'));
    symlinkSync(join(ROOT, 'examples'), join(home, 'examples'));
    let cwd = home;
    const printedBy: string[][] = [];
    for (const step of steps) {
      let printed = '';
      for (const command of step.commands) {
        for (const part of command.split(' && ')) {
          const argv = words(part);
          if (argv[0] === 'cd') cwd = resolve(cwd, argv[1]);
          else if (argv[0] === 'sit') {
            const result = await runInProcess(argv.slice(1), { cwd, tty: true });
            printed += result.stdout + result.stderr;
            expect(result.code, `${part}\n${result.stderr}`).toBe(0);
          } else {
            const result = spawnSync('bash', ['-c', part], { cwd, encoding: 'utf8' });
            printed += result.stdout + result.stderr;
            expect(result.status, `${part}\n${result.stderr}`).toBe(0);
          }
        }
      }
      printedBy.push(lines(printed));
    }
    // SIT_UPDATE_README=1 writes what was printed into the blocks that elide nothing (as
    // npm run update-expected does for fixtures/expected); read the diff before committing it.
    if (process.env.SIT_UPDATE_README) updateReadme(steps, printedBy);
    steps.forEach((step, i) => {
      const expected = lines(step.shows.join('\n'));
      if (!shows(expected, printedBy[i]))
        // Shown whole, so the README can be brought up to date by pasting it.
        expect(`$ ${step.commands.join('\n$ ')}\n${printedBy[i].join('\n')}`).toBe(
          `$ ${step.commands.join('\n$ ')}\n${expected.join('\n')}`,
        );
    });
  });
});
