import { ratio } from '@mptf/platform';
import { RollupGroup } from '@mptf/results';
import { TableBlock } from '../../document/report-document';

/** Share of the assessed indicators on track over all the groups; null when none is assessed. */
export function shareOfAll(groups: RollupGroup[]): string | null {
  const assessed = groups.reduce((sum, group) => sum + group.assessed, 0);
  const onTrack = groups.reduce((sum, group) => sum + group.onTrack, 0);
  return assessed ? ratio(BigInt(onTrack), BigInt(assessed), 4) : null;
}

/** A `/results/rollup` breakdown as a table with its totals. */
export function rollupTable(
  title: string,
  groups: RollupGroup[],
  firstLabel: string,
  label: (group: RollupGroup) => string,
): TableBlock {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'group', label: firstLabel, type: 'text', weight: 4 },
      { key: 'programmes', label: 'Programmes', type: 'number', weight: 0.9 },
      { key: 'indicators', label: 'Indicators', type: 'number', weight: 0.9 },
      { key: 'withTarget', label: 'With target', type: 'number', weight: 0.9 },
      { key: 'withActual', label: 'With approved actual', type: 'number', weight: 0.9 },
      { key: 'onTrack', label: 'On track of assessed', type: 'text', weight: 0.9 },
      { key: 'shareOnTrack', label: 'Share on track', type: 'percent', weight: 0.9 },
    ],
    rows: groups.map((group) => ({
      group: label(group),
      programmes: group.programmes,
      indicators: group.indicators,
      withTarget: group.withTarget,
      withActual: group.withActual,
      onTrack: `${group.onTrack} of ${group.assessed}`,
      shareOnTrack: group.shareOnTrack,
    })),
    totals: {
      group: 'Total',
      programmes: null,
      indicators: groups.reduce((sum, group) => sum + group.indicators, 0),
      withTarget: groups.reduce((sum, group) => sum + group.withTarget, 0),
      withActual: groups.reduce((sum, group) => sum + group.withActual, 0),
      onTrack: `${groups.reduce((sum, g) => sum + g.onTrack, 0)} of ${groups.reduce((sum, g) => sum + g.assessed, 0)}`,
      shareOnTrack: shareOfAll(groups),
    },
  };
}
