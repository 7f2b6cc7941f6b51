// Bundles src/ into dist/ with esbuild: an ES module entry that answers --version at once and
// imports the rest in chunks on demand. Presets and templates are embedded as text.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const textFiles = { '.yaml': 'text', '.html': 'text', '.md': 'text' };

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  loader: textFiles,
  // Some bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __sitCreateRequire } from 'node:module'; const require = __sitCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
