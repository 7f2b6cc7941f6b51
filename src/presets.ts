// The shipped presets, embedded in the bundle so the single executable needs no files beside it.
// Which presets there are, their order and the default are data: presets/index.yaml, turned into
// the module `sit:presets` by the build and the tests (scripts/presets-module.mjs).
export {
  /** Preset name -> the YAML text as shipped (comments and all, so `sit init` keeps them). */
  PRESETS,
  /** Used when no trust.config.yaml is found and no --preset is given. */
  DEFAULT_PRESET,
} from 'sit:presets';
