// Two ways to run sit in tests: the built binary in a child process (end to end, as a user runs
// it), or the program in process with fake streams (fast, and lets a test pretend to be a TTY).
import { spawn, spawnSync } from 'node:child_process';
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

/** The command line that runs the built `sit` (or $SIT_BIN, e.g. the single executable). */
function sitCommand(args: string[]): [string, string[]] {
  return SIT_BIN.endsWith('.js') ? [process.execPath, [SIT_BIN, ...args]] : [SIT_BIN, args];
}

const sitEnv = (env?: Record<string, string>) => ({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env });

/** Runs the built `sit` (or $SIT_BIN, e.g. the single executable) with colour off. */
export function runSit(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {},
): SitResult {
  const [command, argv] = sitCommand(args);
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: sitEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** As runSit, without blocking, so many runs can overlap (standard input is empty). */
export function runSitAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<SitResult> {
  const [command, argv] = sitCommand(args);
  return new Promise((resolve) => {
    const child = spawn(command, argv, {
      cwd: options.cwd ?? ROOT,
      env: sitEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs the program in this process; `tty` makes standard input and output look like a terminal. */
export async function runInProcess(
  args: string[],
  options: { cwd?: string; input?: string; tty?: boolean; env?: Record<string, string>; now?: Date } = {},
): Promise<SitResult> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  stdin.end(options.input ?? '');
  const code = await run(args, {
    stdout: {
      write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')),
      isTTY: options.tty ?? false,
      columns: 120,
    },
    stderr: {
      write: (s: string | Uint8Array) => (stderr += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')),
    },
    stdin,
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    now: () => options.now ?? new Date('2026-09-01T12:00:00Z'),
  });
  return { code, stdout, stderr };
}
