import { apportion, FundStatus, shareOf } from '@mptf/finance';
import { Cents, formatMoney, parseMoney, ratio } from '@mptf/platform';
import { ContributorStatementData } from './contributor-statement.data';

/** How a donor's part of the fund's uses is stated (also written into the report). */
export const PRO_RATA_RULE =
  'Contributions are pooled: the fund does not trace a donor’s dollars to a programme. Your share is your deposits net of the AA fee ÷ all donors’ deposits net of the AA fee, both to the cut-off. Your share of the fund’s resources (your net deposits plus your share of interest and other income) is split over the fund’s uses in proportion, rounded by the largest remainder so that your lines add up exactly to your total; the same is done for the thematic areas and programmes, on the net funded amount (transfers − refunds).';

/** A line of a sources-and-uses table: the whole fund's amount and the donor's part. */
export interface ShareLine {
  item: string;
  fund: Cents;
  share: Cents;
}

/** The donor's share of the pool, to the cut-off. */
export function poolShare(data: ContributorStatementData) {
  const net = (d: { deposited: string; aaFees: string }) => parseMoney(d.deposited) - parseMoney(d.aaFees);
  const ownNet = data.pledges ? net(data.pledges) : 0n;
  const allNet = data.fund.pledges.donors.reduce((sum, d) => sum + net(d), 0n);
  return { ownNet, allNet, share: ratio(ownNet, allNet, 4) };
}

/** Lines whose donor parts are `total` split over the fund amounts by the largest remainder. */
function split(total: Cents, lines: { item: string; fund: Cents }[]): ShareLine[] {
  const parts = apportion(
    total,
    lines.map((line) => line.fund),
  );
  return lines.map((line, index) => ({ ...line, share: parts[index] }));
}

/**
 * Sources and uses of a status (the total to the cut-off, or one `year`), the donor's parts
 * reconciled: sources = the donor's net deposits (its own, to the cut-off) or its share of the
 * year's, plus its share of interest and other income; uses split that total.
 */
export function sharedSourcesAndUses(
  status: FundStatus,
  own: { ownNet: Cents; allNet: Cents },
  ownNetDeposits: Cents | null,
  balanceLabel: string,
  year?: number,
): { sources: ShareLine[]; uses: ShareLine[]; spent: ShareLine[] } {
  const aa = status.withAdministrativeAgent;
  const puno = status.withParticipatingOrganizations;
  const netDeposits = parseMoney(aa.contributions) - parseMoney(aa.aaFees);
  const interest = parseMoney(aa.interest);
  const otherIncome = parseMoney(aa.otherIncome);
  const depositShare = ownNetDeposits ?? shareOf(netDeposits, own.ownNet, own.allNet);
  const sources: ShareLine[] = [
    { item: 'Deposits net of AA fees', fund: netDeposits, share: depositShare },
    { item: 'Interest income', fund: interest, share: shareOf(interest, own.ownNet, own.allNet) },
    { item: 'Other income', fund: otherIncome, share: shareOf(otherIncome, own.ownNet, own.allNet) },
  ];
  const resources = sources.reduce((sum, line) => sum + line.share, 0n);
  const netFunded = parseMoney(aa.transfers) - parseMoney(aa.refunds);
  const uses = split(resources, [
    { item: 'Net funded to participating UN organizations (transfers − refunds)', fund: netFunded },
    { item: 'Direct costs', fund: parseMoney(aa.directCosts) },
    { item: 'Bank charges', fund: parseMoney(aa.bankCharges) },
    { item: balanceLabel, fund: parseMoney(aa.balance) },
  ]);
  // In one year the organizations may spend more than they receive (from earlier transfers):
  // the year's lines are what they spent and the change in what they hold, not parts of it.
  const spent = split(uses[0].share, [
    {
      item:
        year === undefined
          ? '  of which spent by the organizations'
          : `  spent by the organizations in ${year} (also from earlier transfers)`,
      fund: parseMoney(puno.expenditure),
    },
    {
      item:
        year === undefined
          ? '  of which still held by the organizations'
          : `  change in the balance held by the organizations in ${year}`,
      fund: netFunded - parseMoney(puno.expenditure),
    },
  ]);
  return { sources, uses, spent };
}

/** Money cells of a share line. */
export function shareCells(line: ShareLine): { item: string; fund: string; share: string } {
  return { item: line.item, fund: formatMoney(line.fund), share: formatMoney(line.share) };
}
