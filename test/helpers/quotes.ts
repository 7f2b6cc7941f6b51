// The verbatim-quote check behind every preset's `source:` texts (issue 11): a quote must appear
// in its source document word for word, whitespace aside; "..." may join fragments that each
// appear in the document, in that order.
import { parse } from 'yaml';

/** Whitespace is ignored altogether: the documents' flattened tables run cells together or split them. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The first fragment of the quote not found (in order) in the document, or null when it is all there. */
export function missingFragment(quote: string, document: string): string | null {
  const doc = squeeze(document);
  let from = 0;
  for (const fragment of quote
    .split('...')
    .map((f) => f.trim())
    .filter(Boolean)) {
    const at = doc.indexOf(squeeze(fragment), from);
    if (at < 0) return fragment;
    from = at + squeeze(fragment).length;
  }
  return null;
}

export interface Quote {
  /** Where in the YAML tree, e.g. tiers[0].rules[2].source */
  path: string;
  text: string;
}

/** Every `source:` string in a YAML document, with its path. */
export function sourceQuotes(yamlText: string): Quote[] {
  const quotes: Quote[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const at = path ? `${path}.${key}` : key;
        if (key === 'source' && typeof value === 'string') quotes.push({ path: at, text: value });
        else walk(value, at);
      }
    }
  };
  walk(parse(yamlText), '');
  return quotes;
}
