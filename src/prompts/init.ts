// sit init in a terminal: the one question, which preset the trust starts from.
import * as ask from './ask.js';

export interface PresetSummary {
  preset: string;
  name: string;
  summary: string;
}

export async function askPreset(presets: PresetSummary[]): Promise<string> {
  return ask.choose(
    'Which policy does your trust start from?',
    presets.map((p) => ({ name: `${p.preset}: ${p.name}`, value: p.preset, description: p.summary })),
  );
}
