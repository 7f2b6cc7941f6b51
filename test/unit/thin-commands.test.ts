// Each command is a page (issue 16): it parses its options, makes one call and one write; the
// work is in src/core, src/io and src/prompts. A command file over 150 lines is doing more.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const COMMANDS = new URL('../../src/commands/', import.meta.url);
const MAX_LINES = 150;

describe('command files', () => {
  const files = readdirSync(COMMANDS).filter((f) => f.endsWith('.ts'));

  it('are there to check', () => {
    expect(files).toContain('wfap.ts');
  });

  it(`are each at most ${MAX_LINES} lines`, () => {
    const long = files
      .map((f) => ({ file: f, lines: readFileSync(new URL(f, COMMANDS), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
