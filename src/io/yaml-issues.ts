// Turns zod issues on a parsed YAML document into one line each: file, line, the path in the
// document, and what was expected.
import type { z } from 'zod';
import type { Document, LineCounter } from 'yaml';

type Issue = z.core.$ZodIssue;

/** In a union, the branch that got furthest says most about what was meant. */
function flatten(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) return [issue];
  const branches = issue.errors.map((branch) => branch.flatMap((i) => flatten({ ...i, path: [...issue.path, ...i.path] } as Issue)));
  const score = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length)) * 100 - branch.length - (branch.some((i) => i.code === 'unrecognized_keys') ? 50 : 0);
  return branches.sort((a, b) => score(b) - score(a))[0];
}

export function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function describe(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return `unknown ${issue.keys.length > 1 ? 'fields' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}${issue.message.includes('received') ? `, ${issue.message.split(', ').pop()}` : ''}`;
  return issue.message;
}

export function lineOf(doc: Document, lineCounter: LineCounter, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: number[] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

export function issueLines(error: z.ZodError, file: string, doc?: Document, lineCounter?: LineCounter): string[] {
  const lines = error.issues.flatMap(flatten).map((issue) => {
    // An unknown key is found at the key itself, not at the object holding it.
    const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const line = doc && lineCounter ? lineOf(doc, lineCounter, at) : undefined;
    const where = issue.path.length ? ` ${pathText(issue.path)}:` : '';
    return `${file}${line ? `:${line}` : ''}:${where} ${describe(issue)}`;
  });
  return [...new Set(lines)];
}
