import { ContributionView } from '@mptf/finance';
import { CellValue, TableColumn } from '../../document/report-document';

/** The amount columns every contributions table ends with: original currency, rate, US$, fee. */
export const CONTRIBUTION_AMOUNT_COLUMNS: TableColumn[] = [
  { key: 'currency', label: 'Currency', type: 'text', weight: 0.7 },
  { key: 'amount', label: 'Amount (original currency)', type: 'money' },
  { key: 'rate', label: 'US$ per unit', type: 'number', weight: 0.8 },
  { key: 'usd', label: 'US$', type: 'money' },
  { key: 'fee', label: 'AA fee (US$)', type: 'money' },
];

/** A contribution's cells under CONTRIBUTION_AMOUNT_COLUMNS. */
export function contributionAmounts(contribution: ContributionView): Record<string, CellValue> {
  return {
    currency: contribution.currency,
    amount: contribution.amount,
    rate: contribution.exchangeRate,
    usd: contribution.usdAmount,
    fee: contribution.aaFee,
  };
}
