// The shipped presets, embedded in the bundle so the single executable needs no files beside it.
import dfeTsio2023 from '../presets/dfe-tsio-2023.yaml';
import fourTier from '../presets/four-tier.yaml';
import rltCategories from '../presets/rlt-categories.yaml';
import equalsCategories from '../presets/equals-categories.yaml';
import ultCoreSecondTier from '../presets/ult-core-second-tier.yaml';
import rise2025 from '../presets/rise-2025.yaml';

/** Preset name -> the YAML text as shipped (comments and all, so `sit init` keeps them). */
export const PRESETS: Record<string, string> = {
  'dfe-tsio-2023': dfeTsio2023,
  'four-tier': fourTier,
  'rlt-categories': rltCategories,
  'equals-categories': equalsCategories,
  'ult-core-second-tier': ultCoreSecondTier,
  'rise-2025': rise2025,
};

/** Used when no trust.config.yaml is found and no --preset is given. */
export const DEFAULT_PRESET = 'rlt-categories';
