// The one template engine (io/template.ts): every value escaped by default; sit's own pages have
// an explicit slot for markup sit made ({{{name}}}, filled only by a trusted() value), which a
// trust's template may not have.
import { describe, expect, it } from 'vitest';
import { escapeHtml, fillHtmlPage } from '../../src/io/formats/html.js';
import { fillPage, parseTemplate, renderTemplate, TemplateError, trusted } from '../../src/io/template.js';
import { contentText } from '../../src/io/output.js';
import pageTemplate from '../../templates/table.html';

const html = (s: string) => escapeHtml(s);
/** A sit page filled, as one string. */
const filled = (page: string, view: object) => contentText(fillPage(page, view, html));

describe('template engine', () => {
  it('escapes a {{name}} value by default, on sit pages too', () => {
    expect(filled('<h1>{{title}}</h1>', { title: '<script>x</script> & "y"' })).toBe(
      '<h1>&lt;script&gt;x&lt;/script&gt; &amp; &quot;y&quot;</h1>',
    );
  });

  it('escapes each of & < > " \' wherever it is, and leaves text, numbers and blanks without them as they are', () => {
    expect(escapeHtml(`a&b<c>d"e'f&&`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f&amp;&amp;');
    expect(escapeHtml("'")).toBe('&#39;');
    expect(escapeHtml('Ash, Oak Primary: 3 x visit = 3 days')).toBe('Ash, Oak Primary: 3 x visit = 3 days');
    expect(escapeHtml(2.5)).toBe('2.5');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml('')).toBe('');
  });

  it('leaves a {{{name}}} slot of a sit page raw, when its value is trusted() markup', () => {
    expect(filled('<main>{{{table}}}</main>', { table: trusted('<table><tr><td>1</td></tr></table>') })).toBe(
      '<main><table><tr><td>1</td></tr></table></main>',
    );
  });

  it('refuses plain text in a trusted slot, and markup in an escaped one', () => {
    expect(() => fillPage('{{{table}}}', { table: '<b>' }, html)).toThrow(
      /\{\{\{table\}\}\} is for markup sit made \(trusted\(\)\), not text/,
    );
    expect(() => fillPage('{{table}}', { table: trusted('<b>') }, html)).toThrow(
      /"table" is markup: use \{\{\{table\}\}\}/,
    );
  });

  it("a trust's template has no trusted slot: {{{name}}} is refused, with the line", () => {
    expect(() => parseTemplate('# x\n{{{school.name}}}\n')).toThrow(
      expect.objectContaining({
        line: 2,
        message: '{{{school.name}}}: unescaped placeholders are not allowed; use {{name}}',
      }),
    );
    expect(() => parseTemplate('{{& school.name}}')).toThrow(TemplateError);
    // A trust's template given a trusted value still cannot show it raw.
    expect(() => renderTemplate(parseTemplate('{{x}}'), { x: trusted('<b>') }, html)).toThrow(TemplateError);
  });

  it('a mistake names the tag as the template wrote it', () => {
    expect(() => parseTemplate('{{bad name}}')).toThrow(
      '{{bad name}}: expected a placeholder such as {{school.name}} or a section such as {{#priorities}}',
    );
    const deep = `${Array.from({ length: 12 }, (_, i) => `{{#s${i}}}`).join('')}x`;
    expect(() => parseTemplate(deep)).toThrow('{{#s10}}: sections are nested more than 10 deep');
  });

  it("sit's table page through the engine: the title is text it escapes, the rest sit's trusted markup", () => {
    const page = contentText(
      fillHtmlPage(pageTemplate, {
        title: 'T & <U>',
        subtitle: trusted('<p>s</p>'),
        table: trusted('<table></table>'),
        footer: trusted('<p>f</p>'),
      }),
    );
    expect(page).toContain('<title>T &amp; &lt;U&gt;</title>');
    expect(page).toContain('<h1>T &amp; &lt;U&gt;</h1>\n<p>s</p>\n<table></table>\n<footer>\n<p>f</p>\n</footer>');
    expect(page).not.toContain('{{');
    // Everything but the slots is the page as written.
    expect(page.replace(/T &amp; &lt;U&gt;|<p>s<\/p>|<table><\/table>|<p>f<\/p>/g, '')).toBe(
      pageTemplate.replace(/\{\{\{?\w+\}\}\}?/g, ''),
    );
    // Markup in a text slot is shown, not run; a markup slot takes only what sit marked trusted.
    expect(() => fillHtmlPage(pageTemplate, { title: 't', subtitle: '<p>s</p>', table: '', footer: '' })).toThrow(
      TemplateError,
    );
  });

  it("gives a slot filled with parts a part at a time, each as it is made, after the page's text before it", () => {
    const made: string[] = [];
    function* rows() {
      for (const row of ['<tr>1</tr>', '<tr>2</tr>']) {
        made.push(row);
        yield row;
      }
    }
    const parts = fillPage('<h1>{{title}}</h1>{{{table}}}</main>', { title: 'A & B', table: trusted(rows()) }, html);
    const iterator = parts[Symbol.iterator]();
    expect(iterator.next().value).toBe('<h1>');
    expect(made).toEqual([]);
    const rest: string[] = [];
    for (let part = iterator.next(); !part.done; part = iterator.next()) rest.push(part.value);
    expect(rest).toEqual(['A &amp; B', '</h1>', '<tr>1</tr>', '<tr>2</tr>', '</main>']);
    expect(made).toEqual(['<tr>1</tr>', '<tr>2</tr>']);
  });

  it('refuses the same parts in two slots (read once, the second would be empty), before anything is written', () => {
    const table = trusted(['<tr></tr>'][Symbol.iterator]());
    expect(() => fillPage('{{{a}}}{{{b}}}', { a: table, b: table }, html)).toThrow(/is written in parts, once/);
  });
});
