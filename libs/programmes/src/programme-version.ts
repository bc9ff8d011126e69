import { diffSnapshots, FieldChange } from '@mptf/proposals';

/** One result of the matrix as a version keeps it (its indicators by key and title). */
export interface VersionResult {
  key: string;
  type: 'OUTCOME' | 'OUTPUT';
  title: string;
  parentKey: string | null;
  indicators: { key: string; title: string }[];
}

/**
 * A programme as one version puts it in force: the end date, the direct budget lines, the money
 * added by cost extensions (per PUNO) and the results matrix's shape. Version 0 is the approved
 * proposal; each approved revision adds one.
 */
export interface ProgrammeVersion {
  endDate: string;
  budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
  additionalFunding: { orgCode: string; amount: string }[];
  results: VersionResult[];
}

/** Records keyed by identity, so the diff names `results.OC1.indicators.I1.title`, not positions. */
function comparable(version: ProgrammeVersion): object {
  return {
    endDate: version.endDate,
    budgetLines: version.budgetLines,
    additionalFunding: Object.fromEntries(version.additionalFunding.map((f) => [f.orgCode, f.amount])),
    results: Object.fromEntries(
      version.results.map((r) => [
        r.key,
        {
          type: r.type,
          title: r.title,
          parentKey: r.parentKey,
          indicators: Object.fromEntries(r.indicators.map((i) => [i.key, i.title])),
        },
      ]),
    ),
  };
}

/** What changed between two versions: budget lines, dates, money added and the results matrix. */
export function diffVersions(before: ProgrammeVersion, after: ProgrammeVersion): FieldChange[] {
  return diffSnapshots(comparable(before), comparable(after));
}
