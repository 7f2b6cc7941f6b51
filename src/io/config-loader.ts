// How a run loads its config. With no file to read (no --config, no trust.config.yaml here or in a
// folder above), the policy is a shipped preset alone, checked when sit was built
// (scripts/presets-module.mjs): such a run needs neither the YAML parser nor zod, and a command
// that asks configLoader does not load them (start-up, SPEC section 8). With a file, it is
// config.ts's loadConfig, which reads, merges and checks it, and which comes here for no file.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';
import { policyOf } from '../core/settings-keys.js';
import { DEFAULT_PRESET, PRESET_CONFIGS } from '../presets.js';
import type { CommonOptions, Io } from './command-io.js';
import type { ConfigRequest, LoadedConfig } from './config.js';

export const CONFIG_FILE = 'trust.config.yaml';

export function findConfig(from: string): string | null {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** How a run loads a config: loadConfig, or loadShipped where there is no file to read. */
export type LoadConfig = (request: ConfigRequest) => LoadedConfig;

/** The policy as every command asks for it: --config, --preset, else a trust.config.yaml found from here. */
export function policyRequest(options: CommonOptions, io: Pick<Io, 'cwd'>): ConfigRequest {
  return { cwd: io.cwd, config: options.config, preset: options.preset };
}

/** A usage error for a preset sit does not ship, naming those it does. */
export function checkPresetName(name: string): void {
  if (PRESET_CONFIGS[name] === undefined)
    throw usageError(
      `no preset named "${name}"; the presets are: ${Object.keys(PRESET_CONFIGS).join(', ')} (see sit presets)`,
    );
}

/**
 * A request with no config file to read: --preset, else the default preset, as the config schema
 * checked it at build time. What loadConfig gives for such a request (it comes here for it).
 */
export function loadShipped(request: ConfigRequest): LoadedConfig {
  const name = request.preset || (request.defaultPreset ?? DEFAULT_PRESET);
  checkPresetName(name);
  const config = JSON.parse(PRESET_CONFIGS[name]);
  return {
    config,
    policy: policyOf(config),
    file: null,
    display: null,
    dir: request.cwd,
    policySource: `preset ${name}`,
    policyIsDefault: !request.preset,
  };
}

/** loadConfig when there is a config file to read, else loadShipped: only a file needs config.ts's YAML parser and zod. */
export async function configLoader(request: Pick<ConfigRequest, 'cwd' | 'config'>): Promise<LoadConfig> {
  return request.config || findConfig(request.cwd) ? (await import('./config.js')).loadConfig : loadShipped;
}

/** How this run loads its config (configLoader, for the options and folder it runs with). */
export const policyLoader = (options: CommonOptions, io: Pick<Io, 'cwd'>): Promise<LoadConfig> =>
  configLoader(policyRequest(options, io));

/** This run's config, and how it was loaded: policyForData loads again the same way for published data. */
export async function configAndLoader(
  options: CommonOptions,
  io: Pick<Io, 'cwd'>,
): Promise<{ first: LoadedConfig; load: LoadConfig }> {
  const load = await policyLoader(options, io);
  return { first: load(policyRequest(options, io)), load };
}
