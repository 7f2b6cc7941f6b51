// ansi-regex as sit bundles it (scripts/esbuild-options.mjs, measure-once): its own pattern,
// compiled once for each option rather than on every call. Its one user in the bundle, strip-ansi,
// only passes it to String.prototype.replace, which sets lastIndex to 0 before it matches, so one
// global expression serves every call.
const ansiRegex = require('../../node_modules/ansi-regex/index.js');

const compiled = new Map();
module.exports = (options = {}) => {
  const key = Boolean(options.onlyFirst);
  let regex = compiled.get(key);
  if (regex === undefined) compiled.set(key, (regex = ansiRegex(options)));
  return regex;
};
