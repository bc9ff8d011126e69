import { GCM_OBJECTIVES, GUIDING_PRINCIPLES } from './gcm.data';

describe('GCM reference data', () => {
  it('lists the 23 objectives numbered 1..23 in order', () => {
    expect(GCM_OBJECTIVES).toHaveLength(23);
    expect(GCM_OBJECTIVES.map((o) => o.code)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });

  it('gives every objective a non-empty title and short title', () => {
    for (const o of GCM_OBJECTIVES) {
      expect(o.title.trim()).not.toBe('');
      expect(o.shortTitle.trim()).not.toBe('');
      expect(o.shortTitle.length).toBeLessThan(o.title.length);
    }
    expect(GCM_OBJECTIVES[0].title).toBe(
      'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
    );
    expect(GCM_OBJECTIVES[22].title).toBe(
      'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
    );
  });

  it('lists the ten guiding principles with unique codes', () => {
    expect(GUIDING_PRINCIPLES).toHaveLength(10);
    expect(new Set(GUIDING_PRINCIPLES.map((p) => p.code)).size).toBe(10);
    for (const p of GUIDING_PRINCIPLES) {
      expect(p.code).toMatch(/^[A-Z][A-Z_]*$/);
      expect(p.title.trim()).not.toBe('');
      expect(p.description.trim()).not.toBe('');
    }
    expect(GUIDING_PRINCIPLES[0].code).toBe('PEOPLE_CENTRED');
    expect(GUIDING_PRINCIPLES[9].title).toBe('Whole-of-society approach');
  });
});
