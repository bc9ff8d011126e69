import { positionalParams } from '@mptf/platform';
import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { ProposalStatus as S } from '@mptf/proposals';
import {
  canEditMatrix,
  canReadProposalResults,
  canReportActuals,
  canSeeActual,
  readableCondition,
  visibleActualsCondition,
} from './results-access';
import { ActualStatus } from './results.types';

const user = (roles: Role[], organizationId: string | null = 'org-1'): AuthUser => ({
  id: 'u',
  email: 'u@x',
  name: 'U',
  roles,
  organizationId,
  organizationCode: 'IOM',
  organizationType: null,
});

describe('results row-level rules', () => {
  const draft = { status: S.DRAFT, version: 0 };
  const submitted = { status: S.UNDER_REVIEW, version: 1 };
  const programme = { status: S.ACTIVE, version: 1 };

  it('lets focal points of a PUNO read, edit and report; others of their kind nothing', () => {
    const focal = user([Role.AGENCY_FOCAL_POINT]);
    expect(canReadProposalResults(focal, { ...draft, isPuno: true })).toBe(true);
    expect(canEditMatrix(focal, { isPuno: true })).toBe(true);
    expect(canReportActuals(focal, { isPuno: true })).toBe(true);
    expect(canReadProposalResults(focal, { ...programme, isPuno: false })).toBe(false);
    expect(canEditMatrix(focal, { isPuno: false })).toBe(false);
  });

  it('lets staff read submitted proposals, the FMU edit, and donors read programmes only', () => {
    for (const role of [Role.FMU_OFFICER, Role.SC_MEMBER, Role.SC_CHAIR, Role.ADMIN, Role.AA_OFFICER]) {
      expect(canReadProposalResults(user([role]), { ...draft, isPuno: false })).toBe(false);
      expect(canReadProposalResults(user([role]), { ...submitted, isPuno: false })).toBe(true);
    }
    expect(canEditMatrix(user([Role.FMU_OFFICER]), { isPuno: false })).toBe(true);
    expect(canEditMatrix(user([Role.SC_CHAIR]), { isPuno: false })).toBe(false);
    expect(canReportActuals(user([Role.FMU_OFFICER]), { isPuno: true })).toBe(false);
    const donor = user([Role.DONOR_VIEWER]);
    expect(canReadProposalResults(donor, { ...submitted, isPuno: false })).toBe(false);
    expect(canReadProposalResults(donor, { ...programme, isPuno: false })).toBe(true);
  });

  it('builds the same rule as SQL for lists', () => {
    const params: unknown[] = ['x'];
    const sql = readableCondition(
      user([Role.AGENCY_FOCAL_POINT, Role.DONOR_VIEWER]),
      'p',
      positionalParams(params),
    );
    expect(sql).toContain('$2');
    expect(sql).toContain('$3');
    expect(params).toHaveLength(3);
    expect(readableCondition(user([]), 'p', positionalParams([]))).toBe('false');
  });

  it('shows donors approved actuals only, everyone else every state (and says so in SQL)', () => {
    const donor = user([Role.DONOR_VIEWER]);
    for (const status of Object.values(ActualStatus)) {
      expect(canSeeActual(donor, status)).toBe(status === ActualStatus.APPROVED);
      for (const role of [Role.FMU_OFFICER, Role.AA_OFFICER, Role.SC_MEMBER, Role.AGENCY_FOCAL_POINT])
        expect(canSeeActual(user([role]), status)).toBe(true);
    }
    const params: unknown[] = [];
    expect(visibleActualsCondition(donor, 'a', positionalParams(params))).toBe('a.status = $1');
    expect(params).toEqual([ActualStatus.APPROVED]);
    expect(visibleActualsCondition(user([Role.FMU_OFFICER]), 'a', positionalParams([]))).toBe('true');
  });
});
