// A slip in a YAML file (one line indented wrongly, a tab, an unclosed quote or list) makes the
// parser report a cascade; this turns the first into one line that says what to write.
import type { YAMLError } from 'yaml';

interface Line {
  n: number;
  indent: number;
  text: string;
}

/** The first line indented so that it lines up with no block above it, and what it should be. */
export function indentSlip(text: string): { line: Line; want: number; like?: Line } | null {
  const lines = text
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, indent: t.length - t.trimStart().length, text: t.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#') && !l.text.startsWith('---'));
  const stack: Line[] = [];
  let opens = true; // the line above opens a block (ends with ":")
  let inFlow = 0;
  for (const line of lines) {
    if (inFlow > 0) {
      inFlow += (line.text.match(/[[{]/g) ?? []).length - (line.text.match(/[\]}]/g) ?? []).length;
      continue;
    }
    const top = stack[stack.length - 1];
    const isDash = line.text.startsWith('-');
    const nearest = () =>
      stack.reduce((a, b) => (Math.abs(b.indent - line.indent) <= Math.abs(a.indent - line.indent) ? b : a));
    if (!top || (line.indent > top.indent && opens)) stack.push(line);
    else if (line.indent > top.indent) return { line, want: top.indent, like: top };
    else {
      let at = stack.length - 1;
      while (at >= 0 && stack[at].indent !== line.indent) at--;
      // A setting at the level of a "- " item belongs inside the item, two further in.
      if (at < 0 || (!isDash && stack[at].text.startsWith('-') && at + 1 < stack.length)) {
        const like = at < 0 ? nearest() : stack[at + 1];
        return { line, want: like.indent, like };
      }
      stack.length = at + 1;
      stack[at] = line;
    }
    // "- key: value" starts a mapping whose next keys line up two further in.
    const dash = /^-\s+[^\s#][^:]*:(\s|$)/.test(line.text);
    if (dash) stack.push({ ...line, indent: line.indent + 2, text: line.text.replace(/^-\s+/, '') });
    opens = /:\s*(#.*)?$/.test(line.text) || /^-\s*$/.test(line.text);
    inFlow = Math.max(0, (line.text.match(/[[{]/g) ?? []).length - (line.text.match(/[\]}]/g) ?? []).length);
  }
  return null;
}

const INDENT_CODES = new Set([
  'BAD_INDENT',
  'MISSING_CHAR',
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'UNEXPECTED_TOKEN',
]);

/** One line for a YAML file that does not parse: where, and what to write. */
export function yamlSlipLine(
  text: string,
  errors: readonly YAMLError[],
  lineOf: (pos: number) => number,
  file: string,
): string {
  const first = errors[0];
  const line = lineOf(first.pos[0]);
  const source = text.split(/\r?\n/)[line - 1] ?? '';
  if (first.code === 'TAB_AS_INDENT' || /^\s*\t/.test(source))
    return `${file}:${line}: a tab indents this line; YAML needs spaces: replace the tab with spaces`;
  if (first.code === 'DUPLICATE_KEY') {
    const key = source.trim().replace(/^-\s+/, '').split(':')[0];
    return `${file}:${line}: "${key}" is set twice in the same block; delete one of them`;
  }
  if (first.message.startsWith('Missing closing'))
    return `${file}:${line}: a quotation mark is opened above and never closed; close it on the line it opens`;
  if (first.message.startsWith('Flow sequence') || first.message.startsWith('Flow map')) {
    const bracket = first.message.startsWith('Flow sequence') ? ['[', ']'] : ['{', '}'];
    // The parser notices at the end; the slip is where the bracket opened and never closed.
    let depth = 0;
    let opened = line;
    text
      .split(/\r?\n/)
      .slice(0, line)
      .forEach((l, i) => {
        const before = depth;
        depth = Math.max(0, depth + l.split(bracket[0]).length - l.split(bracket[1]).length);
        if (before === 0 && depth > 0) opened = i + 1;
      });
    return `${file}:${opened}: a list opened with ${bracket[0]} is not closed with ${bracket[1]} (or its lines are not indented under its setting): close it, or write one "- item" per line`;
  }
  if (INDENT_CODES.has(first.code)) {
    const slip = indentSlip(text);
    if (slip && slip.line.n <= line + 1) {
      const like = slip.like ? `, like "${slip.like.text.slice(0, 40)}" on line ${slip.like.n}` : '';
      return `${file}:${slip.line.n}: "${slip.line.text.slice(0, 40)}" is indented ${slip.line.indent} space${slip.line.indent === 1 ? '' : 's'}, out of line with the settings around it: indent it ${slip.want} spaces${like}`;
    }
  }
  return `${file}:${line}: not valid YAML: ${first.message.split('\n')[0]}`;
}
