// The only module that talks to inquirer. Commands call these only when standard input is a
// terminal; tests replace this module. Loaded lazily so start-up never pays for it.
export interface Choice<T> { name: string; value: T; description?: string }

export async function choose<T>(message: string, choices: Choice<T>[]): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return select({ message, choices });
}

export async function confirm(message: string, initial = true): Promise<boolean> {
  const prompts = await import('@inquirer/prompts');
  return prompts.confirm({ message, default: initial });
}
