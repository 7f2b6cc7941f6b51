// Two ways to run sit in tests: the built binary in a child process (end to end, as a user runs
// it), or the program in process with fake streams (fast, and lets a test pretend to be a TTY).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { run } from '../../src/cli.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = `${ROOT}fixtures`;
export const SIT_BIN = process.env.SIT_BIN ?? `${ROOT}bin/sit.js`;

export interface SitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `sit` (or $SIT_BIN, e.g. the single executable) with colour off. */
export function runSit(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): SitResult {
  const command = SIT_BIN.endsWith('.js') ? process.execPath : SIT_BIN;
  const argv = SIT_BIN.endsWith('.js') ? [SIT_BIN, ...args] : args;
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the program in this process; `tty` makes standard input and output look like a terminal. */
export async function runInProcess(args: string[], options: { cwd?: string; input?: string; tty?: boolean; env?: Record<string, string>; now?: Date } = {}): Promise<SitResult> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  stdin.end(options.input ?? '');
  const code = await run(args, {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')), isTTY: options.tty ?? false, columns: 120 },
    stderr: { write: (s: string | Uint8Array) => (stderr += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
    stdin,
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    now: () => options.now ?? new Date('2026-09-01T12:00:00Z'),
  });
  return { code, stdout, stderr };
}
