// Layouts as data (issue 16): each published layout is a YAML file in layouts/, checked by a zod
// schema; the data layouts recognise and map every file as the layouts written in code did (the
// reference was recorded from them, for every layout, on rows that take every rule's branches);
// and a new layout is a file, with no code.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import LAYOUT_FILES from 'sit:layouts';
import { LAYOUTS, detectLayout, layoutById, layoutColumns } from '../../src/io/layouts.js';
import { LayoutFileSchema, layoutsOf } from '../../src/io/layout-file.js';
import { PRESETS } from '../../src/preset-texts.js';
import { ROOT } from '../helpers/run-sit.js';

interface Reference {
  layouts: {
    id: string;
    label: string;
    requires: string[];
    excludes: string[];
    hint: string | null;
    publicPreset: string | null;
    supplies: Record<string, string>;
    fields: string[];
  }[];
  cases: {
    layout: string;
    headers: string[];
    detected: string | null;
    columns: { headers: string[]; fieldOf: (string | null)[]; filled: string[] };
    rows: { cells: string[]; computed: string[] }[];
  }[];
}
const reference = JSON.parse(readFileSync(`${ROOT}test/unit/layouts-reference.json`, 'utf8')) as Reference;

describe('every layout file', () => {
  it('passes the schema, with a distinct id and order, and names a shipped preset', () => {
    for (const { file, data } of LAYOUT_FILES) {
      const parsed = LayoutFileSchema.safeParse(data);
      expect(parsed.success, `${file}: ${parsed.error?.message}`).toBe(true);
      expect(file).toBe(`layouts/${parsed.data!.id}.yaml`);
      if (parsed.data!.public_preset) expect(Object.keys(PRESETS)).toContain(parsed.data!.public_preset);
    }
    const parsed = LAYOUT_FILES.map(({ data }) => LayoutFileSchema.parse(data));
    expect(new Set(parsed.map((l) => l.order)).size).toBe(parsed.length);
  });
});

describe('the data layouts do what the layouts in code did', () => {
  it('the same layouts in the same order, with the same labels, headers, hints, presets and suppliers', () => {
    expect(
      LAYOUTS.map((l) => ({
        id: l.id,
        label: l.label,
        requires: l.requires,
        excludes: l.excludes ?? [],
        hint: l.hint ?? null,
        publicPreset: l.publicPreset ?? null,
        supplies: l.supplies ?? {},
        fields: Object.keys(l.fields),
      })),
    ).toEqual(reference.layouts);
  });
  it('every layout recognises the same headers and maps every row to the same values', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(LAYOUTS.length);
    for (const c of reference.cases) {
      expect(detectLayout(c.headers)?.id ?? null, c.layout).toBe(c.detected);
      const mapped = layoutColumns(c.headers, layoutById(c.layout));
      expect({ headers: mapped.headers, fieldOf: mapped.fieldOf, filled: mapped.filled }).toEqual(c.columns);
      for (const row of c.rows)
        expect(mapped.row ? mapped.row(row.cells).slice(row.cells.length) : [], c.layout).toEqual(row.computed);
    }
  });
});

describe('a new published layout is a YAML file', () => {
  const newFile = {
    file: 'layouts/trust-tracker.yaml',
    data: {
      id: 'trust-tracker',
      order: 20,
      label: 'A trust tracker',
      requires: ['School URN', 'Grade now'],
      fields: {
        urn: 'School URN',
        name: 'School',
        ofsted_overall: {
          from: ['Grade now', 'Grade before'],
          how: 'Grade now, else Grade before',
          if: { held: ['Grade now'] },
          value: { column: 'Grade now' },
          otherwise: { column: 'Grade before' },
        },
      },
    },
  };
  it('is recognised and mapped with no code', () => {
    const layouts = layoutsOf([...LAYOUT_FILES, newFile]);
    const tracker = layouts.find((l) => l.id === 'trust-tracker')!;
    expect(layouts.at(-1)).toBe(tracker);
    const mapped = layoutColumns(['School URN', 'School', 'Grade now', 'Grade before'], tracker);
    expect(mapped.fieldOf).toEqual(['urn', 'name', null, null, 'ofsted_overall']);
    expect(mapped.row!(['100001', 'A', '', 'Good'])).toEqual(['100001', 'A', '', 'Good', 'Good']);
    expect(mapped.row!(['100001', 'A', 'RI', 'Good'])).toEqual(['100001', 'A', 'RI', 'Good', 'RI']);
  });
  it('a file that breaks the schema is named with what is wrong', () => {
    const broken = { file: 'layouts/broken.yaml', data: { ...newFile.data, fields: { ofsted_grade: 'Grade now' } } };
    expect(() => layoutsOf([broken])).toThrow(
      /^layouts\/broken\.yaml: fields\.ofsted_grade: ofsted_grade is not a field/,
    );
    const noEvent = {
      file: 'layouts/no-event.yaml',
      data: {
        ...newFile.data,
        fields: { urn: { from: ['A'], how: 'a', if: { event: 'ungraded' }, value: { text: 'x' } } },
      },
    };
    expect(() => layoutsOf([noEvent])).toThrow(/ungraded_event: a rule uses event/);
  });
});
