// The only module that talks to inquirer; the questions each command asks are beside it
// (src/prompts/wfap.ts, log.ts, init.ts), and the one they share (which school) is here. Called only when standard input is a terminal; tests drive it with
// @inquirer/testing. Loaded lazily so start-up never pays for it. Ctrl-C rejects with inquirer's ExitPromptError (name
// "ExitPromptError"); see isPromptExit in errors.ts.
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export async function choose<T>(message: string, choices: Choice<T>[], initial?: T): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return select({ message, choices, default: initial, pageSize: 12 });
}

export async function confirm(message: string, initial = true): Promise<boolean> {
  const prompts = await import('@inquirer/prompts');
  return prompts.confirm({ message, default: initial });
}

/** A searchable list: typing filters the choices by `filter` (case-insensitive substring). */
export async function search<T>(message: string, choices: (Choice<T> & { filter?: string })[]): Promise<T> {
  const prompts = await import('@inquirer/prompts');
  return prompts.search<T>({
    message,
    pageSize: 12,
    source: (term) => {
      const needle = (term ?? '').trim().toLowerCase();
      return choices
        .filter((c) => !needle || (c.filter ?? c.name).toLowerCase().includes(needle))
        .map((c) => ({ name: c.name, value: c.value, description: c.description }));
    },
  });
}

export async function input(message: string, options: { initial?: string; required?: boolean } = {}): Promise<string> {
  const prompts = await import('@inquirer/prompts');
  const answer = await prompts.input({ message, default: options.initial || undefined, required: options.required });
  return answer.trim();
}

export async function number(
  message: string,
  options: { initial?: number; min?: number; max?: number; step?: number | 'any' } = {},
): Promise<number> {
  const prompts = await import('@inquirer/prompts');
  const answer = await prompts.number({
    message,
    default: options.initial,
    min: options.min,
    max: options.max,
    step: options.step,
    required: true,
  });
  return answer ?? options.initial ?? 0;
}

/** Which school, searchable by name or URN: every command that asks for one asks it this way. */
export async function school(schools: { urn: number; name: string; description?: string }[]): Promise<number> {
  return search(
    'Which school? (type to search by name or URN)',
    schools.map((s) => ({
      name: `${s.name} (${s.urn})`,
      value: s.urn,
      description: s.description,
      filter: `${s.name} ${s.urn}`,
    })),
  );
}
