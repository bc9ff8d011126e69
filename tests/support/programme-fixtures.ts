import { FinanceService } from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { insertProposalRows } from './proposal-rows';
import type { TestContext } from './test-context';

/**
 * Programmes for finance tests, inserted straight into the proposals tables (status APPROVED by
 * default, with PUNOs and budget lines), so money specs do not depend on the intake and review
 * flows. Budgets are direct costs per PUNO (category 1 and 4); the fund adds indirect costs.
 */
export interface ProgrammeFixture {
  title?: string;
  status?: string;
  thematicAreaCode?: number;
  scope?: 'NATIONAL' | 'REGIONAL' | 'GLOBAL';
  countryCodes?: string[];
  gcmObjectiveCodes?: number[];
  /** PUNOs in order; the first convenes. `direct` is the PUNO's direct budget (categories 1–7). */
  punos?: { orgCode: string; direct: string }[];
}

let sequence = 0;

export async function insertProgramme(db: DataSource, fixture: ProgrammeFixture = {}): Promise<string> {
  sequence += 1;
  const punos = fixture.punos ?? [
    { orgCode: 'IOM', direct: '1000000.00' },
    { orgCode: 'UNICEF', direct: '500000.00' },
  ];
  const countries = fixture.countryCodes ?? ['MEX'];
  const objectives = fixture.gcmObjectiveCodes ?? [2, 7];
  const reference = `MIG-2026-${String(9000 + sequence)}`;
  return insertProposalRows(db, {
    reference,
    title: fixture.title ?? `Programme ${reference}`,
    summary: 'A joint programme for the finance tests',
    scope:
      fixture.scope ?? (countries.length === 0 ? 'GLOBAL' : countries.length > 1 ? 'REGIONAL' : 'NATIONAL'),
    thematicAreaCode: fixture.thematicAreaCode ?? 2,
    status: fixture.status ?? 'APPROVED',
    version: 1,
    durationMonths: 24,
    markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
    governmentEndorsementDate: null,
    startDate: null,
    submitted: true,
    createdBy: 'fmu@mptf.test',
    createdAt: null,
    convenerCode: punos[0].orgCode,
    punoCodes: punos.map((puno) => puno.orgCode),
    countryCodes: countries,
    objectiveCodes: objectives,
    // 60 % staff (category 1), the rest contractual services (category 4).
    lines: punos.flatMap((puno) => {
      const direct = parseMoney(puno.direct);
      const staff = (direct * 6n) / 10n;
      return [
        { orgCode: puno.orgCode, categoryCode: 1, amountCents: staff },
        { orgCode: puno.orgCode, categoryCode: 4, amountCents: direct - staff },
      ].filter((line) => line.amountCents > 0n);
    }),
  });
}

/** A user as the ledger records an actor: id and e-mail. */
export async function actorRow(db: DataSource, email: string): Promise<{ id: string; email: string }> {
  const [row] = (await db.query('SELECT id, email FROM users WHERE email = $1', [email])) as {
    id: string;
    email: string;
  }[];
  return row;
}

/**
 * Allocates a programme's money in the ledger as the chair's approval does (FinanceService.allocate),
 * without the review flow: `allocations` per PUNO, by `actor` (an e-mail) on `date` (the Clock's
 * today when absent).
 */
export async function allocateProgramme(
  t: TestContext,
  programmeId: string,
  allocations: { orgCode: string; amount: string }[],
  options: { actor: string; date?: string },
): Promise<void> {
  const actor = await actorRow(t.db, options.actor);
  await t.db.transaction((manager) =>
    t.app.get(FinanceService).allocate(manager, {
      programmeId,
      actor,
      ...(options.date ? { date: options.date } : {}),
      allocations: allocations.map((a) => ({ orgCode: a.orgCode, amountCents: parseMoney(a.amount) })),
    }),
  );
}
