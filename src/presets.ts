// The shipped presets, embedded in the bundle so the single executable needs no files beside it.
// Which presets there are, their order and the default are data: presets/index.yaml, turned into
// the module `sit:presets` by the build and the tests (scripts/presets-module.mjs), which also reads
// and checks each preset once, so start-up parses no preset YAML and runs no zod for one. Their
// texts and YAML values, which only a config file, `sit presets` and `sit init` read, are
// preset-texts.ts: a run on a shipped preset does not load them.
export {
  /** Preset name -> the value as the config schema checked it at build time, as JSON text. */
  PRESET_CONFIGS,
  /** Used when no trust.config.yaml is found and no --preset is given. */
  DEFAULT_PRESET,
  /** The terms used when the config sets none: their preset file's name, and its `terms:` as the terms schema checked it at build time, as JSON text. */
  SHIPPED_TERMS,
} from 'sit:presets';
