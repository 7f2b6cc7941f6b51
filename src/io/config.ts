// Finding and loading trust.config.yaml (or a preset), merging `extends:`, and validating it with
// the config schema. Every problem becomes a line with the file and line number.
import { lstatSync } from 'node:fs';
import { shortPathText } from './file-errors.js';
import { readSettingsText } from './read-text.js';
import { dirname, relative, resolve } from 'node:path';
import { isScalar, parseDocument, visit, LineCounter, type Document, type Node } from 'yaml';
import type { ZodError } from 'zod';
import { SitError, configError, notFoundError } from '../errors.js';
import { TrustConfigSchema, TrustSettingsSchema, SETTINGS_KEYS, policyOf, type TrustConfig } from '../core/config.js';
import type { Policy } from '../core/policy.js';
import { PRESET_CONFIGS, DEFAULT_PRESET } from '../presets.js';
import { PRESETS, PRESET_VALUES } from '../preset-texts.js';
import { checkPresetName, findConfig, loadShipped } from './config-loader.js';
import { CHECK_ONCE, issueLines, lineOf, pathText } from './yaml-issues.js';
import { yamlSlipLine } from './yaml-slips.js';
import { mergeExtends, MergeError, overridePath } from '../core/merge.js';

export { CONFIG_FILE } from './config-loader.js';

export interface LoadedConfig {
  config: TrustConfig;
  policy: Policy;
  /** The config file used, or null when running on a preset alone. */
  file: string | null;
  /** The config file as messages show it: relative to the current folder when that is shorter. */
  display: string | null;
  /** Folder that relative paths in the config are taken from. */
  dir: string;
  /** Where the policy came from, for messages: a preset name or the config file. */
  policySource: string;
  /** True when neither --preset nor the config chose a policy, so the default preset was used. */
  policyIsDefault: boolean;
}

/** A path as a person would type it here: relative to the current folder when that is shorter. */
export function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && rel.length < path.length ? rel : path;
}

interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  value: Record<string, unknown>;
}

/** Limits on a YAML config or answers file (README "Limits"): no real one comes near them. */
export const MAX_YAML_ALIASES = 100;
export const MAX_YAML_DEPTH = 64;
/** Keys that would reach JavaScript's object machinery instead of naming a setting. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A YAML file's settings, or every problem in it as one line each. `kind` says whose mistake a
 * problem is: a config (78, the default) or an input such as an answers file (65).
 */
export function parseYamlText(text: string, file: string, kind: 'config' | 'data' = 'config'): ParsedYaml {
  const fail = (lines: string | string[]) => new SitError(kind, lines);
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false });
  } catch (error) {
    // The parser recurses per level: thousands of levels exhaust the stack before any check.
    if (error instanceof RangeError)
      throw fail(`${file}: nested more than ${MAX_YAML_DEPTH} levels deep; no setting needs that`);
    throw error;
  }
  if (doc.errors.some((e) => e.message.includes('call stack')))
    throw fail(`${file}: nested more than ${MAX_YAML_DEPTH} levels deep; no setting needs that`);
  if (doc.errors.length > 0) {
    throw fail(yamlSlipLine(text, doc.errors, (pos) => lineCounter.linePos(pos).line, file));
  }
  // An alias inside its own anchor makes a value that contains itself: no setting can be that.
  const cycles: string[] = [];
  let aliases = 0;
  const at = (node: { range?: number[] | null } | null | undefined) => lineCounter.linePos(node?.range?.[0] ?? 0).line;
  visit(doc, {
    Alias(_, alias) {
      aliases++;
      const target = alias.resolve(doc);
      if (target?.range && alias.range && target.range[0] <= alias.range[0] && alias.range[0] < target.range[2]) {
        cycles.push(
          `${file}:${lineCounter.linePos(alias.range[0]).line}: a YAML alias (*${alias.source}) stands inside its own anchor (&${alias.source}); a setting cannot contain itself`,
        );
      }
    },
    Pair(_, pair, path) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key !== null && FORBIDDEN_KEYS.has(key))
        cycles.push(`${file}:${at(pair.key as Node)}: "${key}" is not a setting name and is not accepted`);
      if (path.length > MAX_YAML_DEPTH * 2) {
        cycles.push(
          `${file}:${at(pair.key as Node)}: nested more than ${MAX_YAML_DEPTH} levels deep; no setting needs that`,
        );
        return visit.BREAK;
      }
      return undefined;
    },
    Seq(_, seq, path) {
      if (path.length > MAX_YAML_DEPTH * 2) {
        cycles.push(`${file}:${at(seq)}: nested more than ${MAX_YAML_DEPTH} levels deep; no setting needs that`);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (aliases > MAX_YAML_ALIASES)
    cycles.push(`${file}: uses more than ${MAX_YAML_ALIASES} YAML aliases (*name); write the values out instead`);
  if (cycles.length > 0) throw fail(cycles);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (error) {
    // An alias repeated inside aliases grows without limit: the YAML library counts and stops it.
    if (error instanceof ReferenceError)
      throw fail(`${file}: its YAML aliases (*name) expand to too many values; write the values out instead`);
    throw error;
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw fail(`${file}:1: expected settings as "name: value" lines, not a list or a single value`);
  return { doc, lineCounter, value: value as Record<string, unknown> };
}

export function presetText(name: string): string {
  checkPresetName(name);
  return PRESETS[name];
}

/** A shipped preset's value, as its YAML reads: parsed at build time (scripts/presets-module.mjs). */
function presetValue(name: string): Record<string, unknown> {
  checkPresetName(name);
  return JSON.parse(PRESET_VALUES[name]);
}

type Checked = { success: true; data: TrustConfig } | { success: false; error: ZodError };

/**
 * A shipped preset with the trust's settings beside it, as TrustConfigSchema would check the two
 * together: the preset was checked at build time, so only the settings are checked here. Null when
 * the settings have a problem, for the whole schema to report it as it always has.
 */
function shippedConfig(name: string, settings: Record<string, unknown>): Checked | null {
  const checked = TrustSettingsSchema.safeParse(settings, CHECK_ONCE);
  if (!checked.success) return null;
  return { success: true, data: { ...JSON.parse(PRESET_CONFIGS[name]), ...checked.data } };
}

/**
 * A config that `extends:` a preset, or another config file (a path ending .yaml, relative to
 * this one), merged by id (core/merge.ts). A chain of configs may extend each other, not in a loop.
 */
function resolveExtends(
  raw: Record<string, unknown>,
  file: string,
  shown: string,
  parsed: ParsedYaml,
  seen: string[],
): Record<string, unknown> {
  if (raw.extends === undefined) return raw;
  const { extends: name, ...rest } = raw;
  const line = lineOf(parsed.doc, parsed.lineCounter, ['extends']);
  const at = `${shown}${line ? `:${line}` : ''}: extends:`;
  if (typeof name !== 'string')
    throw configError(
      `${at} expected the name of a preset (${Object.keys(PRESETS).join(', ')}) or a config file such as base.yaml`,
    );
  let base: Record<string, unknown>;
  if (/\.ya?ml$/i.test(name)) {
    const path = resolve(dirname(file), name);
    if (seen.includes(path) || path === file) throw configError(`${at} ${name} extends this file again (a loop)`);
    if (absent(path))
      throw notFoundError(
        `${at} ${shortPathText(name)}: no such config file (a path is taken from the folder of ${shown})`,
      );
    const text = readSettingsText(path, name, configError, 'config file');
    const inner = parseYamlText(text, name);
    base = resolveExtends(inner.value, path, name, inner, [...seen, file]);
  } else {
    if (!(name in PRESETS))
      throw configError(`${at} no preset named "${name}"; the presets are: ${Object.keys(PRESETS).join(', ')}`);
    base = presetValue(name);
  }
  try {
    return mergeExtends(base, rest);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    const where = lineOf(parsed.doc, parsed.lineCounter, error.path);
    throw configError(`${shown}${where ? `:${where}` : ''}: ${pathText(error.path)}: ${error.message}`);
  }
}

/**
 * Nothing at all at `path`. Any other failure (a loop of links, a name too long, no permission) is
 * left to the reader, which names it: existsSync would call each of those "no such config file".
 */
function absent(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export interface ConfigRequest {
  cwd: string;
  /** --config FILE */
  config?: string;
  /** --preset NAME: the policy comes from the preset; trust settings still come from the config. */
  preset?: string;
  /** The preset to use when neither --preset nor the config names a policy (default: DEFAULT_PRESET). */
  defaultPreset?: string;
}

/** A config may hold only trust settings (schools, capacity, terms...) and leave the policy to the default. */
const setsPolicy = (raw: Record<string, unknown>) =>
  raw.extends !== undefined || raw.tiers !== undefined || raw.id !== undefined;

export function loadConfig(request: ConfigRequest): LoadedConfig {
  const file = request.config ? resolve(request.cwd, request.config) : findConfig(request.cwd);
  if (request.config && (!file || absent(file)))
    throw notFoundError(`${shortPathText(request.config)}: no such config file`);
  // No file to read: the preset alone, as compiled at build time.
  if (!file) return loadShipped(request);
  const shown = shortPath(file, request.cwd);
  const text = readSettingsText(file, shown, configError, 'config file');
  const parsed = parseYamlText(text, shown);
  const written = parsed.value;
  let raw = resolveExtends(written, file, shown, parsed, []);
  let policySource = shown;
  let locate: ((path: PropertyKey[]) => PropertyKey[] | null) | undefined;
  if (written.extends !== undefined) {
    const merged = raw;
    locate = (path) => overridePath(merged, written, path as (string | number)[]);
  }
  const policyIsDefault = !request.preset && !setsPolicy(raw);
  /** A shipped preset with nothing but the trust's settings beside it. */
  let shipped: { name: string; settings: Record<string, unknown> } | null = null;
  if (policyIsDefault) {
    const name = request.defaultPreset ?? DEFAULT_PRESET;
    if (Object.keys(raw).every((k) => SETTINGS_KEYS.includes(k))) shipped = { name, settings: raw };
    raw = { ...presetValue(name), ...raw };
    policySource = `preset ${name}`;
  }
  if (request.preset) {
    const settings = Object.fromEntries(Object.entries(raw).filter(([k]) => SETTINGS_KEYS.includes(k)));
    shipped = { name: request.preset, settings };
    raw = { ...presetValue(request.preset), ...settings };
    policySource = `preset ${request.preset}`;
  }
  const result: Checked =
    (shipped && shippedConfig(shipped.name, shipped.settings)) ?? TrustConfigSchema.safeParse(raw, CHECK_ONCE);
  if (!result.success) {
    // A shipped preset was checked when sit was built: a problem is in the trust's own file, at
    // its line, --preset or not.
    throw configError(issueLines(result.error, shown, parsed.doc, parsed.lineCounter, locate));
  }
  return {
    config: result.data,
    policy: policyOf(result.data),
    file,
    display: shown,
    dir: dirname(file),
    policySource,
    policyIsDefault,
  };
}
