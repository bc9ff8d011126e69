import { Definition, ReportDocument } from './report-document';

/**
 * The terms a donor report uses, as the MPTF Office defines them. A document lists those it
 * uses (`definitionsOf`): each term comes with the words that show it is used.
 */
export const REPORT_GLOSSARY: readonly (Definition & { usedWhen: RegExp })[] = [
  {
    term: 'Administrative Agent (AA)',
    definition:
      'The office that receives the contributions of donors, holds them, transfers them to the participating UN organizations as the Steering Committee decides, and reports on them.',
    usedWhen: /administrative agent|\bAA\b/i,
  },
  {
    term: 'Participating UN organization (PUNO)',
    definition:
      'A UN entity that receives funds from the Administrative Agent to implement a joint programme, and reports its expenditure and results.',
    usedWhen: /participating un organi[sz]ation|\bPUNOs?\b/i,
  },
  {
    term: 'Commitment',
    definition:
      'What a donor has signed to contribute (a pledge in a signed agreement), in the currency of the agreement. A commitment is never below what the donor has deposited.',
    usedWhen: /commit/i,
  },
  {
    term: 'Deposit',
    definition:
      'Cash received by the Administrative Agent from a donor against a commitment, in US dollars at the rate of the day it was received, net of any reversal.',
    usedWhen: /deposit/i,
  },
  {
    term: 'Outstanding pledge',
    definition: 'The part of a commitment not yet deposited (commitment minus deposits).',
    usedWhen: /outstanding/i,
  },
  {
    term: 'AA fee',
    definition:
      'The Administrative Agent’s one-time fee, a fixed percentage of each deposit set in the fund’s terms, charged when the deposit is received.',
    usedWhen: /\bAA fee|administrative agent fee/i,
  },
  {
    term: 'Transfer',
    definition:
      'Funds the Administrative Agent passes to a participating UN organization for an approved programme.',
    usedWhen: /transfer/i,
  },
  {
    term: 'Refund',
    definition:
      'Funds a participating UN organization returns to the Administrative Agent (unspent balances at closure, or a correction).',
    usedWhen: /refund/i,
  },
  {
    term: 'Net funded amount',
    definition: 'Transfers to a participating UN organization minus its refunds.',
    usedWhen: /net funded|refund|transfer/i,
  },
  {
    term: 'Expenditure',
    definition:
      'What a participating UN organization reports as spent on a programme, certified by its headquarters, for the period it reports on.',
    usedWhen: /expenditure/i,
  },
  {
    term: 'Delivery rate',
    definition: 'Expenditure as a share of the net funded amount ("n/a" when nothing has been funded).',
    usedWhen: /delivery/i,
  },
  {
    term: 'Direct costs',
    definition:
      'The budgeted costs of a programme’s activities (staff, supplies, equipment, contracts, travel, transfers and grants, general operating costs).',
    usedWhen: /direct cost|budget/i,
  },
  {
    term: 'Indirect support costs',
    definition:
      'The percentage of direct costs a participating UN organization charges to cover its overheads (set in the fund’s terms); part of the programme budget.',
    usedWhen: /indirect/i,
  },
  {
    term: 'Balance',
    definition:
      'Funds held and not yet used: with the Administrative Agent (sources minus uses) or with the participating UN organizations (net funded amount minus expenditure).',
    usedWhen: /balance/i,
  },
  {
    term: 'Interest and other income',
    definition:
      'Interest earned on the funds held by the Administrative Agent or the participating UN organizations, and other income of the fund; a source of funds beside contributions.',
    usedWhen: /interest/i,
  },
  {
    term: 'Gender marker',
    definition:
      'How much a programme contributes to gender equality: 0 not expected, 1 some contribution, 2 a significant objective, 3 the principal objective.',
    usedWhen: /gender/i,
  },
  {
    term: 'Pipeline',
    definition:
      'Proposals endorsed on their merits that wait for funds; they are funded in order when contributions arrive.',
    usedWhen: /pipeline/i,
  },
  {
    term: 'Baseline, target and actual',
    definition:
      'An indicator’s value before the programme started, the value it aims at by the end of a period, and the value reached as reported and approved.',
    usedWhen: /baseline|target|actual/i,
  },
];

/** Every text of a document a reader sees, in one string (to find the terms it uses). */
function textOf(document: ReportDocument): string {
  const parts: string[] = [document.title, document.subtitle ?? ''];
  for (const section of document.sections) {
    parts.push(section.heading);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'paragraph':
          parts.push(block.text);
          break;
        case 'facts':
          parts.push(...block.items.map((item) => item.label));
          break;
        case 'keyFigures':
          parts.push(...block.items.map((item) => item.label));
          break;
        case 'table':
          parts.push(block.title, block.note ?? '', ...block.columns.map((column) => column.label));
          for (const row of block.rows.slice(0, 50))
            for (const column of block.columns)
              if (column.type === 'text') parts.push(String(row[column.key] ?? ''));
          break;
        default:
          parts.push(
            block.title,
            ...(block.kind === 'barChart' ? block.bars : block.slices).map((p) => p.label),
          );
      }
    }
  }
  return parts.join('\n');
}

/** The definitions a document shows: its own, then the glossary's terms it uses (none if compact). */
export function definitionsOf(document: ReportDocument): Definition[] {
  if (document.compact) return [];
  const own = document.definitions ?? [];
  const text = textOf(document);
  const taken = new Set(own.map((item) => item.term.toLowerCase()));
  const used = REPORT_GLOSSARY.filter(
    (entry) => !taken.has(entry.term.toLowerCase()) && entry.usedWhen.test(text),
  ).map(({ term, definition }) => ({ term, definition }));
  return [...own, ...used];
}

/** The heading under which renderers show the definitions. */
export const DEFINITIONS_HEADING = 'Definitions';
