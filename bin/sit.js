#!/usr/bin/env node
// CommonJS (bin/package.json): Node runs a CommonJS script without first setting up its ES module
// loader, so `sit --version` answers in bare Node's time; dist/main.cjs imports the rest on demand.
require('../dist/main.cjs');
