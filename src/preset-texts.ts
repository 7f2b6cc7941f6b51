// The shipped presets as their files are (presets.ts has them as checked): the module
// `sit:preset-texts`, made by the build and the tests (scripts/presets-module.mjs).
export {
  /** Preset name -> the YAML text as shipped (comments and all, so `sit init` keeps them). */
  PRESETS,
  /** Preset name -> the YAML's value, as JSON text (what parsing the YAML gives). */
  PRESET_VALUES,
} from 'sit:preset-texts';
