import { ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { computeBudget, DIRECT_CATEGORY_CODES, type BudgetLineInput } from '@mptf/common';
import { useMemo } from 'react';
import type { BudgetCategory } from '../../../api/models';
import { Money } from '../../../components/ui';
import { formatMoney, parseMoney, parseMoneyInput } from '../../../lib/money';
import { FormSection } from './FormSection';
import { sectionAnchor, type FormState } from './proposal-form';
import { Violations } from './Violations';
import type { ProposalForm } from './useProposalForm';

/** A typed cell, thousands separators allowed; null when it is not an amount (the cell says so). */
const cellAmount = (text: string | undefined) => parseMoneyInput((text ?? '').replace(/,/g, ''));

/**
 * The live budget: direct costs per PUNO, indirect at the fund's rate rounded per PUNO, totals —
 * the server's own maths (@mptf/common computeBudget), so the grid never disagrees with it.
 */
function useLiveBudget(form: FormState, rate: string | null) {
  return useMemo(() => {
    if (rate === null) return null;
    const punos = form.participatingOrgCodes;
    const amountOf = (org: string, cat: number) => cellAmount(form.budget[`${org}|${cat}`]) ?? 0n;
    const lines: BudgetLineInput[] = punos.flatMap((orgCode) =>
      DIRECT_CATEGORY_CODES.map((categoryCode) => ({
        orgCode,
        categoryCode,
        amount: amountOf(orgCode, categoryCode),
      })),
    );
    const budget = computeBudget(lines, rate, punos);
    const byCategory = DIRECT_CATEGORY_CODES.map((cat) =>
      punos.reduce((sum, org) => sum + amountOf(org, cat), 0n),
    );
    return { ...budget, byCategory };
  }, [form.participatingOrgCodes, form.budget, rate]);
}

export type LiveBudget = NonNullable<ReturnType<typeof useLiveBudget>>;

export function BudgetSection({
  editor,
  budget,
  rate,
  budgetCeiling,
  categories,
}: {
  editor: ProposalForm;
  budget: LiveBudget;
  rate: string;
  budgetCeiling: string;
  categories: BudgetCategory[];
}) {
  const { form, set, bySection } = editor;
  const ceiling = parseMoney(budgetCeiling);
  return (
    <FormSection
      id={sectionAnchor('budget')}
      title="6. Budget (US$)"
      description={`Direct costs per PUNO in UNSDG categories 1–7. Indirect support costs (category 8) are computed at ${(Number(rate) * 100).toFixed(1)} % of each PUNO's direct costs. The fund ceiling is ${formatMoney(ceiling)}.`}
    >
      {form.participatingOrgCodes.length === 0 ? (
        <Text c="dimmed" size="sm">
          Add participating organizations to enter their budgets.
        </Text>
      ) : (
        <ScrollArea type="auto">
          <Table
            className="budget-grid"
            withTableBorder
            withColumnBorders
            miw={320 + form.participatingOrgCodes.length * 170}
            aria-label="Budget by PUNO and category"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Category</Table.Th>
                {form.participatingOrgCodes.map((org) => (
                  <Table.Th key={org} scope="col" className="num">
                    {org}
                  </Table.Th>
                ))}
                <Table.Th scope="col" className="num">
                  Total
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DIRECT_CATEGORY_CODES.map((cat, index) => {
                const category = categories.find((c) => c.code === cat);
                return (
                  <Table.Tr key={cat}>
                    <Table.Th scope="row" fw={500}>
                      <Text size="sm">
                        {cat}. {category?.title ?? `Category ${cat}`}
                      </Text>
                    </Table.Th>
                    {form.participatingOrgCodes.map((org) => {
                      const key = `${org}|${cat}`;
                      const value = form.budget[key] ?? '';
                      const invalid = value !== '' && cellAmount(value) === null;
                      return (
                        <Table.Td key={org} p={4}>
                          <TextInput
                            aria-label={`${org}, ${category?.title ?? `category ${cat}`}`}
                            inputMode="decimal"
                            placeholder="0.00"
                            value={value}
                            onChange={(e) => set('budget', { ...form.budget, [key]: e.currentTarget.value })}
                            error={invalid}
                            size="sm"
                            variant="filled"
                          />
                        </Table.Td>
                      );
                    })}
                    <Table.Td className="num">
                      <Money value={budget.byCategory[index]} currency={null} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">Direct costs (1–7)</Table.Th>
                {budget.byOrganization.map((o) => (
                  <Table.Td key={o.orgCode} className="num">
                    <Money value={o.direct} currency={null} />
                  </Table.Td>
                ))}
                <Table.Td className="num">
                  <Money value={budget.direct} currency={null} strong />
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">
                  8. Indirect support costs ({(Number(rate) * 100).toFixed(1)} %)
                </Table.Th>
                {budget.byOrganization.map((o) => (
                  <Table.Td key={o.orgCode} className="num" data-testid={`indirect-${o.orgCode}`}>
                    <Money value={o.indirect} currency={null} />
                  </Table.Td>
                ))}
                <Table.Td className="num" data-testid="indirect-total">
                  <Money value={budget.indirect} currency={null} strong />
                </Table.Td>
              </Table.Tr>
              <Table.Tr bg="un.0">
                <Table.Th scope="row">Total</Table.Th>
                {budget.byOrganization.map((o) => (
                  <Table.Td key={o.orgCode} className="num">
                    <Money value={o.total} currency={null} strong />
                  </Table.Td>
                ))}
                <Table.Td className="num" data-testid="budget-total">
                  <Money value={budget.total} strong />
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </ScrollArea>
      )}
      {budget.total > ceiling && (
        <Text size="sm" c="orange.9" mt="xs">
          The total is above the fund ceiling of {formatMoney(ceiling)}.
        </Text>
      )}
      <Violations items={bySection('budget')} />
    </FormSection>
  );
}

export { useLiveBudget };
