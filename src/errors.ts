// One place that knows the exit codes of SPEC section 4 (and the two it leaves to convention:
// 70 for sit's own bug, 130 for Ctrl-C). Everything a person can get wrong is thrown as a
// SitError; the boundary in cli.ts prints its lines and exits with its code.

export const EXIT = {
  ok: 0,
  /** sit budget/report --strict: the support asked for exceeds the capacity in a term or the year. */
  overAllocated: 1,
  usage: 2,
  data: 65,
  notFound: 66,
  cannotWrite: 73,
  /** Not a person's mistake: a bug in sit (sysexits EX_SOFTWARE). */
  internal: 70,
  config: 78,
  /** Ctrl-C at a prompt: 128 + SIGINT, as a shell reports an interrupted command. */
  interrupted: 130,
} as const;

export type ErrorKind = Exclude<keyof typeof EXIT, 'ok' | 'internal'>;

export class SitError extends Error {
  readonly kind: ErrorKind;
  /** One line per problem, each already saying where and what. */
  readonly lines: string[];

  constructor(kind: ErrorKind, lines: string | string[]) {
    const all = Array.isArray(lines) ? lines : [lines];
    super(all.join('\n'));
    this.kind = kind;
    this.lines = all;
  }

  get exitCode(): number {
    return EXIT[this.kind];
  }
}

export const usageError = (line: string) => new SitError('usage', line);
export const dataError = (lines: string | string[]) => new SitError('data', lines);
export const notFoundError = (line: string) => new SitError('notFound', line);
export const cannotWriteError = (line: string) => new SitError('cannotWrite', line);
export const configError = (lines: string | string[]) => new SitError('config', lines);
export const interruptedError = () => new SitError('interrupted', 'interrupted: nothing was written');

/** True for the error inquirer throws when the person presses Ctrl-C at a prompt (any command). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
