// An answers file (YAML) for a WFAP or a deployment record, checked by its schema; problems are
// bad input data (exit 65), one line each.
import { resolve } from 'node:path';
import type * as z from 'zod';
import { WfapAnswersSchema, type WfapAnswers } from '../core/wfap.js';
import { dataError, usageError } from '../errors.js';
import { parseYamlText } from './config.js';
import { readSettingsText } from './read-text.js';
import { CHECK_ONCE, issueLines, lineOf, pathText } from './yaml-issues.js';

/**
 * Problems found in an answers file after it was read (checked against the policy the data is
 * placed by), one line each as a schema problem is: file:line: path: what was expected. The file
 * is read again for the lines: only when there is a problem to show.
 */
export function answersProblemLines(
  file: string,
  cwd: string,
  problems: { path: (string | number)[]; message: string }[],
): string[] {
  const parsed = parseYamlText(readSettingsText(resolve(cwd, file), file, dataError, 'answers file'), file, 'data');
  return problems.map((p) => {
    const line = lineOf(parsed.doc, parsed.lineCounter, p.path);
    return `${file}${line ? `:${line}` : ''}: ${pathText(p.path)}: ${p.message}`;
  });
}

export function readAnswers<S extends z.ZodType>(file: string, schema: S, cwd: string): z.output<S> {
  const path = resolve(cwd, file);
  const text = readSettingsText(path, file, dataError, 'answers file');
  const parsed = parseYamlText(text.trim() === '' ? '{}' : text, file, 'data');
  const result = schema.safeParse(parsed.value, CHECK_ONCE);
  if (!result.success) throw dataError(issueLines(result.error, file, parsed.doc, parsed.lineCounter));
  return result.data;
}

/** A school's WFAP answers (for its card or a visit note): when the file names a school, it must be this one. */
export function schoolAnswers(file: string | undefined, urn: number, cwd: string): WfapAnswers | undefined {
  if (file === undefined) return undefined;
  const answers = readAnswers(file, WfapAnswersSchema, cwd);
  if (answers.school !== undefined && answers.school !== urn)
    throw usageError(`${file} is the WFAP of school ${answers.school}, not ${urn}; give that school's answers`);
  return answers;
}
