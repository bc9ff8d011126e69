import { DecisionCapacity, DecisionPack, PackProposal } from '@mptf/review';
import { groupThousands } from '../../document/format';
import { CellValue, ReportBlock, ReportSection, TableBlock } from '../../document/report-document';
import { sumMoney } from '../compose-helpers';
import { SectionBuilder } from '../report-composer';
import { DecisionPackData } from './decision-pack.data';

/** Proposals per side-by-side table: more columns would not fit an A4 page. */
const PER_TABLE = 4;
const PER_BALANCE_TABLE = 3;
const MARKER = ['0 none', '1 limited', '2 significant', '3 principal'];
const OUTCOME_LABELS: Record<string, string> = {
  APPROVED: 'Approved',
  PIPELINE: 'Pipeline',
  REVISION_REQUESTED: 'Revision requested',
  REJECTED: 'Rejected',
};

const chunks = <T>(items: T[], size: number): T[][] =>
  items.length
    ? Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
    : [[]];

/** "2. Regular pathways": a thematic area's code and short title. */
function areaLabel(data: DecisionPackData, code: string | number): string {
  return `${code}. ${data.areas.find((area) => String(area.code) === String(code))?.shortTitle ?? ''}`;
}

export function requestedTotal(data: DecisionPackData): string {
  return sumMoney(data.pack.proposals.map((p) => p.budget.total));
}

export function meetingSection(data: DecisionPackData): ReportSection {
  const { pack, decisions } = data;
  const requested = requestedTotal(data);
  return {
    heading: 'The meeting',
    blocks: [
      {
        kind: 'keyFigures',
        items: [
          { label: 'Proposals on the agenda', value: pack.proposals.length, type: 'number' },
          { label: 'Requested in total (US$)', value: requested, type: 'money' },
          {
            label: 'Funds available for new allocations (US$)',
            value: pack.availableFunds,
            type: 'money',
          },
          { label: 'Allocated to programmes so far (US$)', value: pack.allocatedTotal, type: 'money' },
          {
            label: 'Available if all are approved (US$)',
            value: pack.ifAllApproved.availableAfter,
            type: 'money',
          },
        ],
      },
      {
        kind: 'facts',
        items: [
          { label: 'Meeting', value: pack.meeting.title },
          { label: 'Date', value: pack.meeting.date },
          {
            label: 'Figures as of',
            value: `${pack.asOf.slice(0, 16).replace('T', ' ')} UTC (when the agenda was set)`,
          },
          {
            label: 'Pack kept',
            value: pack.keptAt
              ? `${pack.keptAt.slice(0, 10)}, at the meeting’s first decision: figures as the committee saw them`
              : 'Not yet: the meeting has not decided',
          },
          {
            label: 'Decisions recorded',
            value: decisions.length ? `${decisions.length} of ${pack.proposals.length}` : 'None yet',
          },
        ],
      },
      {
        kind: 'table',
        title: 'Requests, reviews and funds (US$)',
        columns: [
          { key: 'reference', label: 'Proposal', type: 'text', weight: 1.4 },
          { key: 'total', label: 'Requested', type: 'money' },
          { key: 'indirect', label: 'Of which indirect', type: 'money' },
          { key: 'score', label: 'Weighted score (0–100)', type: 'number', weight: 0.8 },
          { key: 'reviews', label: 'Reviews', type: 'number', weight: 0.6 },
          { key: 'available', label: 'Available to its area', type: 'money' },
          { key: 'fundable', label: 'Fits the funds', type: 'text', weight: 0.6 },
        ],
        rows: pack.proposals.map((p) => ({
          reference: p.reference,
          total: p.budget.total,
          indirect: p.budget.indirect,
          score: p.weightedScore,
          reviews: p.reviewCount,
          available: p.availableForArea,
          fundable: fitsLabel(p),
        })),
        totals: {
          reference: 'Total',
          total: requested,
          indirect: sumMoney(pack.proposals.map((p) => p.budget.indirect)),
          score: null,
          reviews: pack.proposals.reduce((sum, p) => sum + (p.reviewCount ?? 0), 0),
          available: null,
          fundable: null,
        },
        note: 'Weighted score: the mean of the counted reviews of the current round (recused members never count). Available to its area: unearmarked funds plus funds earmarked for the proposal’s thematic area.',
      },
      {
        kind: 'barChart',
        title: 'Weighted review score (0–100)',
        valueType: 'number',
        bars: pack.proposals.map((p) => ({ label: p.reference, value: p.weightedScore })),
      },
    ],
  };
}

export function sideBySideSection(data: DecisionPackData): ReportSection {
  const { pack } = data;
  return {
    heading: 'Proposals side by side',
    pageBreakBefore: true,
    blocks: chunks(pack.proposals, PER_TABLE).map((group, index, all) =>
      sideBySide(group, index, all.length),
    ),
  };
}

export function balanceSection(data: DecisionPackData): ReportSection {
  const { pack } = data;
  return {
    heading: 'Portfolio balance if approved',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'paragraph',
        text: 'Shares of the US$ allocated to programmes as of the agenda, now, if each proposal alone were approved at its requested total, and if all on the agenda were. A proposal already allocated then is in “now” and is not added again. By region an amount is split evenly across the programme’s countries; programmes without countries count as Global.',
      },
      ...chunks(pack.proposals, PER_BALANCE_TABLE).map((group, index, all) =>
        balanceTable(
          pack,
          group,
          'byThematicArea',
          `By thematic area${part(index, all.length)}`,
          (code: string) => areaLabel(data, code),
        ),
      ),
      ...chunks(pack.proposals, PER_BALANCE_TABLE).map((group, index, all) =>
        balanceTable(pack, group, 'byRegion', `By region${part(index, all.length)}`, (key) => String(key)),
      ),
      {
        kind: 'donutChart',
        title: 'Allocations now, by thematic area',
        valueType: 'percent',
        slices: Object.entries(pack.balance.current.byThematicArea)
          .filter(([, share]) => Number(share) > 0)
          .map(([code, share]) => ({ label: areaLabel(data, code), value: share })),
      },
    ],
  };
}

export function fundsAvailableSection(data: DecisionPackData): ReportSection {
  const { pack } = data;
  return {
    heading: 'Funds available',
    blocks: [
      {
        kind: 'table',
        title: 'Funds available for new allocations, by thematic area (US$)',
        columns: [
          { key: 'area', label: 'Thematic area', type: 'text', weight: 4 },
          { key: 'available', label: 'Available', type: 'money' },
        ],
        rows: Object.entries(pack.availableFundsByThematicArea).map(([code, amount]) => ({
          area: areaLabel(data, code),
          available: amount,
        })),
        totals: { area: 'Whole fund', available: pack.availableFunds },
        note: 'Per area: unearmarked funds plus funds earmarked for the area. The areas share the unearmarked funds, so they do not add up to the whole fund.',
      },
    ],
  };
}

export function decisionsSection(data: DecisionPackData): ReportSection {
  const { decisions } = data;
  return {
    heading: 'Decisions',
    blocks: decisions.length
      ? [
          {
            kind: 'table',
            title: 'Decisions recorded at this meeting (US$)',
            columns: [
              { key: 'reference', label: 'Proposal', type: 'text', weight: 1.3 },
              { key: 'outcome', label: 'Outcome', type: 'text', weight: 1.1 },
              { key: 'allocated', label: 'Allocated', type: 'money' },
              { key: 'justification', label: 'Justification', type: 'text', weight: 4 },
              { key: 'decidedAt', label: 'Decided', type: 'text', weight: 1 },
            ],
            rows: decisions.map((d) => ({
              reference: d.reference,
              outcome: `${OUTCOME_LABELS[d.outcome] ?? d.outcome}${d.pipelineRank ? ` (rank ${d.pipelineRank})` : ''}`,
              allocated: d.totalAllocated,
              justification: `${d.conditions ? `${d.justification} Conditions: ${d.conditions}` : d.justification}${
                d.recordedAs === DecisionCapacity.ACTING_CHAIR
                  ? ` (Recorded by ${d.decidedBy.name} as acting chair: the chair was recused.)`
                  : ''
              }`,
              decidedAt: d.decidedAt.slice(0, 10),
            })),
            totals: {
              reference: 'Total',
              outcome: null,
              allocated: sumMoney(decisions.map((d) => d.totalAllocated)),
              justification: null,
              decidedAt: null,
            },
          } as ReportBlock,
        ]
      : [{ kind: 'paragraph', text: 'No decision has been recorded at this meeting yet.' }],
  };
}

/** The pipeline as it stood when the agenda was set: endorsed programmes still waiting for money. */
export function pipelineSection(data: DecisionPackData): ReportSection {
  const { pack } = data;
  return {
    heading: 'Pipeline when the agenda was set',
    blocks: pack.pipeline.length
      ? [
          {
            kind: 'table',
            title: 'Endorsed programmes waiting for money (US$)',
            columns: [
              { key: 'rank', label: 'Rank', type: 'number', weight: 0.5 },
              { key: 'reference', label: 'Proposal', type: 'text', weight: 1.3 },
              { key: 'title', label: 'Title', type: 'text', weight: 4 },
              { key: 'area', label: 'Area', type: 'number', weight: 0.5 },
              { key: 'total', label: 'Requested', type: 'money' },
            ],
            rows: pack.pipeline.map((item, index) => ({
              rank: index + 1,
              reference: item.reference,
              title: item.title,
              area: item.thematicAreaCode,
              total: item.total,
            })),
            totals: {
              rank: null,
              reference: 'Total',
              title: null,
              area: null,
              total: sumMoney(pack.pipeline.map((i) => i.total)),
            },
          },
        ]
      : [{ kind: 'paragraph', text: 'The pipeline was empty when the agenda was set.' }],
  };
}

/** A decision pack's sections in order: a new section is a builder added here. */
export const DECISION_PACK_SECTIONS: readonly SectionBuilder<DecisionPackData>[] = [
  meetingSection,
  sideBySideSection,
  balanceSection,
  fundsAvailableSection,
  pipelineSection,
  decisionsSection,
];

/** "Yes", "No", or why the question does not arise. */
function fitsLabel(p: PackProposal): string {
  if (p.alreadyAllocated) return 'Already allocated';
  return p.fundable ? 'Yes' : 'No';
}

function part(index: number, count: number): string {
  return count > 1 ? ` (${index + 1} of ${count})` : '';
}

/** Attributes as rows, one column per proposal (text: a mixed column cannot carry one type). */
function sideBySide(group: PackProposal[], index: number, count: number): TableBlock {
  const attributes: [string, (p: PackProposal) => string][] = [
    ['Title', (p) => p.title],
    ['Thematic area', (p) => `${p.thematicAreaCode}. ${p.thematicAreaTitle}`],
    ['GCM objectives', (p) => p.gcmObjectiveCodes.join(', ')],
    ['Scope', (p) => p.scope.charAt(0) + p.scope.slice(1).toLowerCase()],
    ['Countries', (p) => p.countryCodes.join(', ') || 'Global'],
    ['Regions', (p) => p.regions.join(', ')],
    ['Convening agency', (p) => p.convenerCode],
    ['PUNOs', (p) => p.participatingOrgCodes.join(', ')],
    ['Duration', (p) => `${p.durationMonths} months`],
    ['Budget (US$)', (p) => groupThousands(p.budget.total)],
    [
      'By organization (US$)',
      (p) => p.budget.byOrganization.map((o) => `${o.orgCode} ${groupThousands(o.total)}`).join('; '),
    ],
    ['Gender marker', (p) => MARKER[p.markers.gender] ?? String(p.markers.gender)],
    ['Human rights marker', (p) => MARKER[p.markers.humanRights] ?? String(p.markers.humanRights)],
    [
      'Child-sensitivity marker',
      (p) => MARKER[p.markers.childSensitivity] ?? String(p.markers.childSensitivity),
    ],
    ['Review round', (p) => String(p.reviewRound)],
    ['Weighted score', (p) => p.weightedScore ?? 'Not reviewed'],
    [
      'Recommendations',
      (p) =>
        p.recommendations
          ? `Approve ${p.recommendations.APPROVE} · Revise ${p.recommendations.REVISE} · Reject ${p.recommendations.REJECT}`
          : 'Not shown',
    ],
    ['Fits available funds', fitsLabel],
    [
      'Decision',
      (p) => (p.decision ? (OUTCOME_LABELS[p.decision.outcome] ?? p.decision.outcome) : 'Not yet decided'),
    ],
  ];
  return {
    kind: 'table',
    title: `Proposals${part(index, count)}`,
    columns: [
      { key: 'attribute', label: '', type: 'text', weight: 1.3 },
      ...group.map((p) => ({ key: p.proposalId, label: p.reference, type: 'text' as const, weight: 2 })),
    ],
    rows: attributes.map(([label, value]) => ({
      attribute: label,
      ...Object.fromEntries(group.map((p) => [p.proposalId, value(p)] as [string, CellValue])),
    })),
    note:
      index === count - 1
        ? 'Amounts in US$ as the API shows them (decimal strings with two decimals).'
        : undefined,
  };
}

function balanceTable(
  pack: DecisionPack,
  group: PackProposal[],
  dimension: 'byThematicArea' | 'byRegion',
  title: string,
  label: (key: string) => string,
): TableBlock {
  const keys = Object.keys(pack.balance.current[dimension]);
  return {
    kind: 'table',
    title,
    columns: [
      {
        key: 'group',
        label: dimension === 'byThematicArea' ? 'Thematic area' : 'Region',
        type: 'text',
        weight: 3,
      },
      { key: 'current', label: 'Now', type: 'percent' },
      ...group.map((p) => ({
        key: p.proposalId,
        label: `If ${p.reference} approved`,
        type: 'percent' as const,
      })),
      { key: 'all', label: 'If all on the agenda approved', type: 'percent' },
    ],
    rows: keys.map((key) => ({
      group: label(key),
      current: pack.balance.current[dimension][key],
      ...Object.fromEntries(
        group.map((p) => [
          p.proposalId,
          p.alreadyAllocated
            ? pack.balance.current[dimension][key]
            : (pack.balance.ifApproved[p.proposalId]?.[dimension][key] ?? null),
        ]),
      ),
      all: pack.balance.ifAllApproved[dimension][key],
    })),
  };
}
