import { ReportBlock, ReportSection } from '../../document/report-document';
import type { NarrativeSection, ReportNarrative } from '../../narratives/report-narratives.service';
import { SectionBuilder } from '../report-composer';

/** What the narrative builders read: the year's narrative (null since inception) and whether the run is final. */
export interface NarrativeData {
  narrative?: ReportNarrative | null;
}

/** Plain paragraphs of a section's text (blank lines separate them). */
function paragraphs(text: string): ReportBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ kind: 'paragraph', text: part.replace(/\s*\n\s*/g, ' ') }) as ReportBlock);
}

/** A draft marks a missing section plainly; a section left out is not shown. */
function sectionBlocks(section: NarrativeSection): ReportBlock[] | null {
  if (section.state === 'OMITTED') return null;
  if (section.state === 'MISSING')
    return [
      {
        kind: 'paragraph',
        text: `[DRAFT — MISSING SECTION] “${section.title}” has not been written yet. A final report is refused until the fund unit writes it or leaves it out with a reason.`,
      },
    ];
  return paragraphs(section.body ?? '');
}

/** The builder of one narrative section (by key), placed where it belongs in ANNUAL_REPORT_SECTIONS. */
export function narrativeSection(key: string, pageBreakBefore = false): SectionBuilder<NarrativeData> {
  return (data) => {
    const section = data.narrative?.sections.find((candidate) => candidate.key === key);
    if (!section) return null;
    const blocks = sectionBlocks(section);
    // A draft's missing-section mark is one line: it follows on, leaving no near-empty page.
    return blocks
      ? { heading: section.title, pageBreakBefore: pageBreakBefore && section.state === 'WRITTEN', blocks }
      : null;
  };
}

/** "Results by thematic area": the fund unit's account of each area's results. */
export function thematicResultsNarrativeSection(data: NarrativeData): ReportSection | null {
  const sections = data.narrative?.sections.filter((section) => section.thematicAreaCode !== null) ?? [];
  const blocks = sections.flatMap((section) => {
    const body = sectionBlocks(section);
    return body ? [{ kind: 'paragraph', text: section.title.toUpperCase() } as ReportBlock, ...body] : [];
  });
  return blocks.length ? { heading: 'Results by thematic area', pageBreakBefore: true, blocks } : null;
}
