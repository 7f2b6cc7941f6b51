// Issue 14: `sit explain` in HTML and Markdown keeps the rules' nesting (all of / any of / not):
// each rule is a list item, and each condition a list item nested under the heading that joins it,
// checked against the JSON explanation's tree: in Chromium for HTML (the list the browser builds,
// and each level drawn further right), and by the list structure a Markdown parser (marked) reads.
import { beforeAll, describe, expect, it } from 'vitest';
import { marked, type Token, type Tokens } from 'marked';
import type { Browser } from 'playwright-core';
import { sharedChromium } from '../helpers/browser.js';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

interface Node {
  outcome: string;
  text: string;
  children: Node[];
}
interface JsonCondition {
  op: string;
  outcome: boolean | null;
  text: string;
  children?: JsonCondition[];
}
interface JsonExplanation {
  tiers: { label: string; tier: string; rules: (JsonCondition & { rule: string })[] }[];
}

// School 100004 under rlt-categories: a rule nested four deep (any of > all of > any of > test).
const ARGS = ['explain', '100004', 'schools.csv', '--preset', 'rlt-categories', '--as-of', '2026-09-01'];
const word = (o: boolean | null) => (o === true ? 'yes' : o === false ? 'no' : 'cannot tell (data missing)');
/** A test shows its words; a heading its own (count and definition headings are the policy's words). */
const HEADINGS: Record<string, string> = { all: 'all of:', any: 'any of:', not: 'not:' };
const condition = (c: JsonCondition): Node => ({
  outcome: word(c.outcome),
  text: c.op === 'test' ? c.text : (HEADINGS[c.op] ?? `(${c.op})`),
  children: (c.children ?? []).map(condition),
});

/** What the document must show, tier by tier: each rule, with its condition tree under it. */
async function expectedTiers(): Promise<Node[][]> {
  const json = JSON.parse(
    (await runInProcess([...ARGS, '--format', 'json'], { cwd: FIXTURES })).stdout,
  ) as JsonExplanation;
  return json.tiers.map((t) =>
    t.rules.map((r) => ({ outcome: word(r.outcome), text: `rule: ${r.rule}`, children: [condition(r)] })),
  );
}
const depth = (n: Node): number => 1 + Math.max(0, ...n.children.map(depth));
/** The tree without its words, to compare shapes: outcome and children at every level. */
const shape = (n: Node): unknown => ({ outcome: n.outcome, children: n.children.map(shape) });

describe('sit explain --format md', () => {
  it('each tier is a heading, its rules a list, and every condition a list item nested under its heading', async () => {
    const expected = await expectedTiers();
    expect(Math.max(...expected.flat().map(depth))).toBeGreaterThanOrEqual(5);
    const md = (await runInProcess([...ARGS, '--format', 'md'], { cwd: FIXTURES })).stdout;
    const tokens = marked.lexer(md);
    const item = (i: Tokens.ListItem): Node => {
      const first = i.tokens.find((t) => t.type === 'text') as Tokens.Text;
      const [, outcome, text] = first.text.split('\\\n')[0].match(/^\*\*(.+?)\*\* (.*)$/s)!;
      const lists = i.tokens.filter((t): t is Tokens.List => t.type === 'list');
      return { outcome, text, children: lists.flatMap((l) => l.items.map(item)) };
    };
    // The lists after each tier's heading, in order; the last heading is the default tier.
    const sections: Node[][] = [];
    for (const t of tokens as Token[]) {
      if (t.type === 'heading' && (t as Tokens.Heading).depth === 2) sections.push([]);
      else if (t.type === 'list') sections[sections.length - 1].push(...(t as Tokens.List).items.map(item));
    }
    expect(sections).toHaveLength(expected.length + 1);
    expected.forEach((rules, i) => {
      expect(sections[i].map(shape)).toEqual(rules.map(shape));
      // The words too: each rule's name, and each test as the JSON gives it (Markdown-escaped).
      sections[i].forEach((rule, j) => expect(rule.text).toBe(rules[j].text));
    });
    const deepest = sections.flat().find((r) => depth(r) >= 5)!;
    expect(deepest.children[0].text).toBe('any of:');
    expect(deepest.children[0].children[0].text).toBe('all of:');
  });
});

describe('sit explain --format html, in Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await sharedChromium();
  });

  it('nests each condition under its heading, each level drawn further right', async () => {
    const expected = await expectedTiers();
    const html = (await runInProcess([...ARGS, '--format', 'html'], { cwd: FIXTURES })).stdout;
    const page = await browser!.newPage();
    await page.setContent(html);
    const found = await page.evaluate(() => {
      interface N {
        outcome: string;
        text: string;
        children: N[];
        indented: boolean;
      }
      const read = (li: Element, parentLeft: number): N => {
        const left = li.getBoundingClientRect().left;
        const own = [...li.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
        const nested = [...li.children].filter((c) => c.tagName === 'UL').flatMap((ul) => [...ul.children]);
        return {
          outcome: li.querySelector(':scope > .outcome')?.textContent ?? '',
          text: own,
          indented: left > parentLeft,
          children: nested.map((c) => read(c, left)),
        };
      };
      return [...document.querySelectorAll('section')].map((s) => ({
        heading: s.querySelector('h2')?.textContent ?? '',
        rules: [...s.querySelectorAll(':scope > ul.rules > li')].map((li) => read(li, -1)),
      }));
    });
    await page.close();
    expect(found).toHaveLength(expected.length + 1);
    const strip = (n: Node & { indented?: boolean }): Node => ({
      outcome: n.outcome,
      text: n.text,
      children: n.children.map(strip),
    });
    expected.forEach((rules, i) => expect(found[i].rules.map(strip)).toEqual(rules));
    const everyIndented = (n: Node & { indented: boolean }): boolean =>
      n.indented && n.children.every((c) => everyIndented(c as Node & { indented: boolean }));
    for (const section of found) for (const rule of section.rules) expect(everyIndented(rule)).toBe(true);
    expect(found[0].heading).toBe('Category D [D]: a rule holds');
    expect(found[found.length - 1].heading).toMatch(/the default tier$/);
  });
});
