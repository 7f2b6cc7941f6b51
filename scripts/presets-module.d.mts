// Types for scripts/presets-module.mjs, which vitest.config.ts and a unit test import.
export const PRESETS_MODULE: string;
export const PRESET_TEXTS_MODULE: string;
export function presetRegistry(root: string): { file: string; presets: string[]; default: string; terms: string };
export function compiledTerms(root: string, name: string): Promise<unknown>;
export function compiledPresets(
  root: string,
  names: string[],
): Promise<{ name: string; value: unknown; checked: unknown }[]>;
export function presetsModuleCode(root: string): Promise<string>;
export function presetTextsModuleCode(root: string): string;
