// Issue 15, class 13: every way opening a file can fail is one line, exit 66 for an input and 73
// for an output, with a plain reason (never a bare error code or "internal error") and a long path
// cut to a readable length. Each failure is made for real: a loop of symbolic links (ELOOP), a
// socket with nothing behind it (ENXIO), a 5,000-character name (ENAMETOOLONG), a folder (EISDIR)
// and /proc/self/mem, whose first page cannot be read (EIO).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runInProcess } from '../helpers/run-sit.js';

const AS_OF = ['--as-of', '2026-09-01'];
const LONG = `${'x'.repeat(5000)}.csv`;

/** A folder with good.csv, a loop of links (loop-a -> loop-b -> loop-a), a folder, a FIFO and a socket. */
async function hostileFolder(): Promise<{ dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sit-file-errors-'));
  copyFileSync(join(ROOT, 'test/bad-inputs/good.csv'), join(dir, 'good.csv'));
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  mkdirSync(join(dir, 'folder'));
  expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
  // A socket file: open() on it is ENXIO (a socket is connected to, never opened).
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(dir, 'socket'), resolve));
  return { dir, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface Case {
  name: string;
  args: string[];
  code: 66 | 73;
  says: string;
}

const cases: Case[] = [
  // ELOOP
  {
    name: 'data file',
    args: ['classify', 'loop-a', ...AS_OF],
    code: 66,
    says: 'loop-a: cannot be read (a loop of symbolic links)',
  },
  {
    name: '--config',
    args: ['classify', 'good.csv', '--config', 'loop-a', ...AS_OF],
    code: 66,
    says: 'loop-a: cannot be read (a loop of symbolic links)',
  },
  {
    name: '--with',
    args: ['classify', 'good.csv', '--with', 'loop-a', ...AS_OF],
    code: 66,
    says: 'loop-a: cannot be read (a loop of symbolic links)',
  },
  {
    name: 'diff NEW',
    args: ['diff', 'good.csv', 'loop-a', ...AS_OF],
    code: 66,
    says: 'loop-a: cannot be read (a loop of symbolic links)',
  },
  {
    name: '--answers',
    args: ['wfap', 'new', '--school', '100001', '--data', 'good.csv', '--answers', 'loop-a', ...AS_OF],
    code: 66,
    says: 'loop-a: cannot be read (a loop of symbolic links)',
  },
  {
    name: '--template',
    args: ['wfap', 'new', '--school', '100001', '--data', 'good.csv', '--yes', '--template', 'loop-a', ...AS_OF],
    code: 66,
    says: 'loop-a: cannot be read (a loop of symbolic links)',
  },
  {
    name: '-o',
    args: ['classify', 'good.csv', '-o', 'loop-a', ...AS_OF],
    code: 73,
    says: 'loop-a: cannot be written (a loop of symbolic links)',
  },
  {
    name: '-o --force',
    args: ['classify', 'good.csv', '-o', 'loop-a', '--force', ...AS_OF],
    code: 73,
    says: 'loop-a: cannot be written (a loop of symbolic links)',
  },
  // ENXIO, and a FIFO or socket as -o
  {
    name: 'a socket as the data file',
    args: ['classify', 'socket', ...AS_OF],
    code: 66,
    says: 'socket: cannot be read (a device or socket with nothing behind it)',
  },
  {
    name: 'a socket as --config',
    args: ['classify', 'good.csv', '--config', 'socket', ...AS_OF],
    code: 66,
    says: 'socket: cannot be read (a device or socket',
  },
  {
    name: 'a socket as -o',
    args: ['classify', 'good.csv', '-o', 'socket', '--force', ...AS_OF],
    code: 73,
    says: 'socket: is a socket, not a regular file',
  },
  {
    name: 'a FIFO with no reader as -o',
    args: ['classify', 'good.csv', '-o', 'pipe', ...AS_OF],
    code: 73,
    says: 'pipe: is a pipe (FIFO), not a regular file',
  },
  // ENAMETOOLONG
  {
    name: 'a 5,000-character data file name',
    args: ['classify', LONG, ...AS_OF],
    code: 66,
    says: 'cannot be read (the name is too long for this system)',
  },
  {
    name: 'a 5,000-character --config',
    args: ['classify', 'good.csv', '--config', LONG, ...AS_OF],
    code: 66,
    says: 'cannot be read (the name is too long for this system)',
  },
  {
    name: 'a 5,000-character -o',
    args: ['classify', 'good.csv', '-o', LONG, ...AS_OF],
    code: 73,
    says: 'cannot be written (the name is too long for this system)',
  },
  // EISDIR
  {
    name: 'a folder as --answers',
    args: ['wfap', 'new', '--school', '100001', '--data', 'good.csv', '--answers', 'folder', ...AS_OF],
    code: 66,
    says: 'folder: is a folder, not a file',
  },
  {
    name: 'a folder as --with',
    args: ['classify', 'good.csv', '--with', 'folder', ...AS_OF],
    code: 66,
    says: 'folder: is a folder, not a file',
  },
  {
    name: 'a folder as -o',
    args: ['classify', 'good.csv', '-o', 'folder', '--force', ...AS_OF],
    code: 73,
    says: 'folder: is a folder; give a file name for -o',
  },
  // EIO: the first page of a process's memory is never mapped, so reading it fails with EIO
  {
    name: 'EIO from the data file',
    args: ['classify', '/proc/self/mem', ...AS_OF],
    code: 66,
    says: '/proc/self/mem: cannot be read (an input/output error from the disk or device)',
  },
  {
    name: 'EIO from --config',
    args: ['classify', 'good.csv', '--config', '/proc/self/mem', ...AS_OF],
    code: 66,
    says: '/proc/self/mem: cannot be read (an input/output error',
  },
  {
    name: 'EIO from --with',
    args: ['classify', 'good.csv', '--with', '/proc/self/mem', ...AS_OF],
    code: 66,
    says: '/proc/self/mem: cannot be read (an input/output error',
  },
];

describe('file errors are one plain line, exit 66 (input) or 73 (output)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { dir, close } = await hostileFolder();
    const before = readdirSync(dir).sort();
    const result = await runInProcess(c.args, { cwd: dir }).finally(close);
    expect(result.code, result.stderr).toBe(c.code);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(c.says);
    expect(lines[0]).not.toMatch(/internal error|\(E[A-Z]+\)|^\s+at /);
    // A 5,000-character path is cut in the middle, never echoed whole.
    expect(lines[0].length).toBeLessThan(260);
    // Nothing was written, not even a temporary file (the socket goes with its server).
    expect(readdirSync(dir).sort()).toEqual(before.filter((f) => f !== 'socket'));
  });
});
