/**
 * The narrative sections of the consolidated annual report, in the order the report shows them
 * (the MPTF Office's Consolidated Annual Narrative Report): what the fund unit writes per year.
 */
export interface NarrativeSectionDef {
  key: string;
  title: string;
  /** A results section is about one thematic area. */
  thematicAreaCode?: number;
}

export const NARRATIVE_SECTIONS: readonly NarrativeSectionDef[] = [
  { key: 'executive-summary', title: 'Executive summary' },
  { key: 'governance', title: 'Governance and fund management' },
  ...[1, 2, 3, 4, 5].map((code) => ({
    key: `results-ta-${code}`,
    title: `Results in thematic area ${code}`,
    thematicAreaCode: code,
  })),
  { key: 'challenges-lessons', title: 'Challenges and lessons learned' },
  { key: 'stories', title: 'Stories from the field' },
];

export const NARRATIVE_KEYS: ReadonlySet<string> = new Set(NARRATIVE_SECTIONS.map((s) => s.key));
export const NARRATIVE_BODY_MAX = 50000;
export const NARRATIVE_REASON_MAX = 2000;
