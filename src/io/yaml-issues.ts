// Turns zod issues on a parsed YAML document into one line each: file, line, the path in the
// document, and what was expected.
import type * as z from 'zod';
import type { Document, LineCounter } from 'yaml';

type Issue = z.core.$ZodIssue;

/**
 * How a file's YAML is checked by its schema, once (a config, answers, a form, a layout): without
 * zod's fast path for objects, which zod writes as code (\`new Function\`) for each object schema the
 * first time it is used, and which V8 then compiles afresh in every run. For one document that cost
 * more than it saved (the README's first command: 346 M -> 333 M instructions). A schema that
 * checks row after row (a log, tier changes) keeps it.
 */
export const CHECK_ONCE = { jitless: true } as const;

/** In a union, the branch that got furthest says most about what was meant. */
function flatten(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) return [issue];
  const branches = issue.errors.map((branch) =>
    branch.flatMap((i) => flatten({ ...i, path: [...issue.path, ...i.path] } as Issue)),
  );
  const score = (branch: Issue[]) =>
    Math.max(...branch.map((i) => i.path.length)) * 100 -
    branch.length -
    (branch.some((i) => i.code === 'unrecognized_keys') ? 50 : 0);
  return branches.sort((a, b) => score(b) - score(a))[0];
}

export function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

const KINDS: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list (one "- item" per line, or [a, b])',
  object: 'settings as "name: value" lines indented under it',
  int: 'a whole number',
};

const shownValue = (value: unknown) =>
  typeof value === 'string'
    ? `"${value}"`
    : Array.isArray(value)
      ? `${value.length} item${value.length === 1 ? '' : 's'}`
      : JSON.stringify(value);

/** What was wrong, in plain words, and what to write instead. `value` is what the file wrote there, if known. */
function describe(issue: Issue, value: unknown): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown ${issue.keys.length > 1 ? 'fields' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
  const found = value === undefined ? '' : ` (found ${shownValue(value)})`;
  if (issue.code === 'invalid_type') {
    const key = issue.path[issue.path.length - 1];
    if (value === undefined && typeof key === 'string')
      return `missing: add "${key}:" with ${KINDS[issue.expected] ?? issue.expected}`;
    return `expected ${KINDS[issue.expected] ?? issue.expected}${found}`;
  }
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const big = issue.code === 'too_big';
    const limit = Number(
      big ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum,
    );
    const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
    if (issue.origin === 'array' || issue.origin === 'set') {
      if ((issue as { exact?: boolean }).exact)
        return `expected exactly ${limit} item${limit === 1 ? '' : 's'}${found}`;
      return `expected ${big ? 'at most' : 'at least'} ${limit} item${limit === 1 ? '' : 's'}${found}`;
    }
    if (issue.origin === 'string')
      return limit === 1 && !big
        ? 'must not be empty: write some text'
        : `expected text of ${big ? 'at most' : 'at least'} ${limit} characters${found}`;
    const bound = big
      ? inclusive
        ? `${limit} or less`
        : `less than ${limit}`
      : inclusive
        ? `${limit} or more`
        : `more than ${limit}`;
    return `expected a number ${bound}${found}`;
  }
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => String(v)).join(', ')}${found}`;
  return issue.message;
}

export function lineOf(doc: Document, lineCounter: LineCounter, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: number[] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * `locate` maps a path of the validated object to the place in the file (a config over a preset
 * it extends), or null when the place is only in what it extends.
 */
export function issueLines(
  error: z.ZodError,
  file: string,
  doc?: Document,
  lineCounter?: LineCounter,
  locate?: (path: PropertyKey[]) => PropertyKey[] | null,
): string[] {
  const lines = error.issues.flatMap(flatten).map((found) => {
    const mapped = locate ? locate(found.path) : found.path;
    if (mapped === null)
      return `${file}: ${pathText(found.path)} (from what it extends): ${describe(found, undefined)}`;
    const issue = { ...found, path: mapped } as Issue;
    // An unknown key is found at the key itself, not at the object holding it.
    const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const line = doc && lineCounter ? lineOf(doc, lineCounter, at) : undefined;
    const where = issue.path.length ? ` ${pathText(issue.path)}:` : '';
    const value = doc ? (doc.getIn(issue.path as (string | number)[]) as unknown) : undefined;
    const plain =
      value !== null && typeof value === 'object' && 'toJSON' in value
        ? (value as { toJSON: () => unknown }).toJSON()
        : value;
    return `${file}${line ? `:${line}` : ''}:${where} ${describe(issue, plain)}`;
  });
  return [...new Set(lines)];
}
