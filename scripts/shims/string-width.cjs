// string-width as sit bundles it (scripts/esbuild-options.mjs, measure-once): the same width of a
// text, remembered. cli-table3 measures each cell's text many times over as it lays out and wraps
// a table; the texts measured are the table's own (and, for cli-progress, each line of a progress
// bar), so what is remembered is bounded by what is shown.
const stringWidth = require('../../node_modules/string-width/index.js');

const widths = new Map();
module.exports = (text) => {
  if (typeof text !== 'string') return stringWidth(text);
  let width = widths.get(text);
  if (width === undefined) widths.set(text, (width = stringWidth(text)));
  return width;
};
module.exports.default = module.exports;
