// sit's one template engine, small and safe, for the trust's own Markdown and HTML templates and
// sit's own pages: {{name}} and {{a.b}} placeholders (always escaped for the output format),
// {{#list}}...{{/list}} sections (repeated per item; {{.}} is the item), {{^list}}...{{/list}}
// (only when empty) and {{! comments }}. Nothing in a template is ever run as code. A tag alone on
// its line takes the line with it. Mistakes (an unknown placeholder, an unclosed section) say the
// line. sit's own pages (parsed with `trusted`) may also have {{{name}}}: a slot for markup sit
// made itself (a table, a chart), filled only by a trusted() value; a trust's template may not.
// Such markup may be parts made as they are written (a table of 22,000 schools), which the page
// then gives a part at a time (renderTemplateParts), never as one string.

import { contentText } from './output.js';

export class TemplateError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'var'; name: string; line: number; raw: boolean }
  | { type: 'section'; name: string; inverted: boolean; line: number; children: Node[] };

export interface Template {
  nodes: Node[];
  /** sit's own page: may have {{{name}}} slots, and is not held to the size limits. */
  trusted: boolean;
}

const MARKUP = Symbol('trusted markup');

/** Markup sit made itself, for a {{{name}}} slot of one of sit's own pages: whole, or its parts in order. */
export interface Trusted {
  readonly [MARKUP]: string | Iterable<string>;
}

/** Markup for a {{{name}}} slot; parts (a generator) are read once, where the slot is, as they are written. */
export function trusted(markup: string | Iterable<string>): Trusted {
  return { [MARKUP]: markup };
}

const isTrusted = (value: unknown): value is Trusted =>
  value !== null && typeof value === 'object' && Object.hasOwn(value, MARKUP);

/** Limits (README "Limits"): sections nested deeper, or a filled template larger, are refused. */
export const MAX_TEMPLATE_DEPTH = 10;
export const MAX_TEMPLATE_OUTPUT = 32 * 1024 * 1024;
const MAX_TEMPLATE_STEPS = 5_000_000;

const NAME = /^(\.|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*)$/;
const TAG = /\{\{\{(.*?)\}\}\}|\{\{(.*?)\}\}/g;
const STANDALONE = /^[ \t]*\{\{[#^/!][^{}]*\}\}[ \t]*\r?\n?$/;

export function parseTemplate(text: string, options: { trusted?: boolean } = {}): Template {
  const trust = options.trusted === true;
  const root: Node[] = [];
  const stack: { name: string; line: number; children: Node[] }[] = [{ name: '', line: 0, children: root }];
  const top = () => stack[stack.length - 1].children;
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = STANDALONE.test(raw) ? raw.trim() : raw;
    let last = 0;
    for (const match of line.matchAll(TAG)) {
      if (match.index! > last) top().push({ type: 'text', text: line.slice(last, match.index) });
      last = match.index! + match[0].length;
      const raw = match[1] !== undefined;
      const body = (match[1] ?? match[2]).trim();
      const sigil = body[0];
      if (sigil === '!') continue;
      if ((raw && !trust) || sigil === '{' || sigil === '&')
        throw new TemplateError(lineNo, `${match[0]}: unescaped placeholders are not allowed; use {{name}}`);
      if (raw && !NAME.test(body)) throw new TemplateError(lineNo, `${match[0]}: expected a slot such as {{{table}}}`);
      const name = sigil === '#' || sigil === '^' || sigil === '/' ? body.slice(1).trim() : body;
      if (!NAME.test(name))
        throw new TemplateError(
          lineNo,
          `${match[0]}: expected a placeholder such as {{school.name}} or a section such as {{#priorities}}`,
        );
      if (sigil === '#' || sigil === '^') {
        if (stack.length > MAX_TEMPLATE_DEPTH)
          throw new TemplateError(lineNo, `${match[0]}: sections are nested more than ${MAX_TEMPLATE_DEPTH} deep`);
        const node: Node = { type: 'section', name, inverted: sigil === '^', line: lineNo, children: [] };
        top().push(node);
        stack.push({ name, line: lineNo, children: node.children });
      } else if (sigil === '/') {
        const open = stack[stack.length - 1];
        if (stack.length === 1) throw new TemplateError(lineNo, `{{/${name}}} closes a section that was never opened`);
        if (open.name !== name)
          throw new TemplateError(lineNo, `{{/${name}}} does not match {{#${open.name}}} opened on line ${open.line}`);
        stack.pop();
      } else {
        top().push({ type: 'var', name, line: lineNo, raw });
      }
    }
    const rest = line.slice(last);
    if (rest.includes('{{')) throw new TemplateError(lineNo, 'a "{{" without its closing "}}" on the same line');
    if (rest) top().push({ type: 'text', text: rest });
  });
  if (stack.length > 1) {
    const open = stack[stack.length - 1];
    throw new TemplateError(open.line, `the section {{#${open.name}}} is never closed; add {{/${open.name}}}`);
  }
  return { nodes: root, trusted: trust };
}

const MISSING = Symbol('missing');

function lookup(name: string, stack: unknown[]): unknown {
  if (name === '.') return stack[stack.length - 1];
  const [first, ...rest] = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame !== null && typeof frame === 'object' && Object.hasOwn(frame, first)) {
      let value: unknown = (frame as Record<string, unknown>)[first];
      for (const key of rest) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return MISSING;
        value = (value as Record<string, unknown>)[key];
      }
      return value;
    }
  }
  return MISSING;
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The filled template as text and, for a slot filled with parts, those parts (not yet read); every
 * value goes through `escapeText`. Unknown names are errors.
 */
function fill(template: Template, view: object, escapeText: (value: string) => string): (string | Iterable<string>)[] {
  const out: (string | Iterable<string>)[] = [];
  const streamed = new Set<Iterable<string>>();
  let size = 0;
  const push = (text: string, line: number) => {
    size += text.length;
    // Sections inside sections repeat their content for every item: the size grows as a power.
    if (size > MAX_TEMPLATE_OUTPUT && !template.trusted)
      throw new TemplateError(
        line,
        `the filled template would be larger than ${MAX_TEMPLATE_OUTPUT / (1024 * 1024)} MB; are sections repeated inside each other?`,
      );
    out.push(text);
  };
  let steps = 0;
  const walk = (nodes: Node[], stack: unknown[], line: number) => {
    for (const node of nodes) {
      if (++steps > MAX_TEMPLATE_STEPS && !template.trusted)
        throw new TemplateError(
          line,
          'the template repeats its sections too many times over; are sections repeated inside each other?',
        );
      if (node.type === 'text') {
        push(node.text, line);
        continue;
      }
      const value = lookup(node.name, stack);
      if (value === MISSING) throw new TemplateError(node.line, `unknown placeholder "${node.name}"`);
      if (node.type === 'var') {
        if (node.raw !== isTrusted(value))
          throw new TemplateError(
            node.line,
            node.raw
              ? `{{{${node.name}}}} is for markup sit made (trusted()), not text`
              : `"${node.name}" is markup: use {{{${node.name}}}}`,
          );
        if (node.raw) {
          const markup = (value as Trusted)[MARKUP];
          if (typeof markup === 'string') push(markup, node.line);
          else {
            // Parts are read once: a second slot for them would be left empty.
            if (streamed.has(markup))
              throw new TemplateError(node.line, `{{{${node.name}}}} is written in parts, once`);
            streamed.add(markup);
            out.push(markup);
          }
          continue;
        }
        if (value !== null && typeof value === 'object')
          throw new TemplateError(
            node.line,
            `"${node.name}" is a list or group: use {{#${node.name}}}...{{/${node.name}}}`,
          );
        push(value === null || value === undefined ? '' : escapeText(String(value)), node.line);
        continue;
      }
      if (node.inverted) {
        if (isEmpty(value)) walk(node.children, stack, node.line);
      } else if (Array.isArray(value)) {
        for (const item of value) walk(node.children, [...stack, item], node.line);
      } else if (!isEmpty(value)) {
        walk(node.children, [...stack, value], node.line);
      }
    }
  };
  walk(template.nodes, [view], 1);
  return out;
}

/**
 * The filled template a part at a time: its text, and the parts of a slot filled with parts as
 * they are made. Filled at once, so a mistake in it throws here, before anything is written.
 */
function renderTemplateParts(
  template: Template,
  view: object,
  escapeText: (value: string) => string,
): Iterable<string> {
  const out = fill(template, view, escapeText);
  return (function* () {
    for (const part of out) {
      if (typeof part === 'string') yield part;
      else yield* part;
    }
  })();
}

/** The filled template as one string (a trust's template, a small page). */
export function renderTemplate(template: Template, view: object, escapeText: (value: string) => string): string {
  return contentText(renderTemplateParts(template, view, escapeText));
}

/**
 * Parses and checks a template against a sample view in which every list has an item, so that a
 * mistake inside a section shows even when the real plan's list is empty.
 */
export function compileTemplate(text: string, sample: object): Template {
  const template = parseTemplate(text);
  renderTemplate(template, sample, (s) => s);
  return template;
}

const pages = new Map<string, Template>();

/**
 * One of sit's own pages (a shipped HTML or Markdown page) filled, a part at a time: {{name}} slots
 * escaped by `escapeText`, {{{name}}} slots with trusted() markup (parts as they are made). Parsed
 * once per page.
 */
export function fillPage(page: string, view: object, escapeText: (value: string) => string): Iterable<string> {
  let template = pages.get(page);
  if (!template) {
    template = parseTemplate(page, { trusted: true });
    pages.set(page, template);
  }
  return renderTemplateParts(template, view, escapeText);
}
