import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { positionalParams } from '@mptf/platform';
import { defaultStatementDonor, mayGenerate, mayRead, readableRunsCondition } from '../reporting-access';
import { canonicalParameters, normalizeParameters, ReportType } from './report-types';

const user = (roles: Role[], organizationCode: string | null = null): AuthUser => ({
  id: 'u',
  email: 'u@x',
  name: 'U',
  roles,
  organizationId: null,
  organizationCode,
  organizationType: null,
});

describe('report parameters', () => {
  it('keeps only what a type uses and names every missing or malformed field', () => {
    expect(
      normalizeParameters(ReportType.PROGRAMME_FACTSHEET, {
        year: 2025,
        programmeId: 'AB8F1C1E-0000-4000-8000-000000000001',
      }),
    ).toEqual({
      parameters: { programmeId: 'ab8f1c1e-0000-4000-8000-000000000001' },
      problems: [],
    });
    expect(normalizeParameters(ReportType.ANNUAL_CONSOLIDATED, {}).parameters).toEqual({});
    expect(normalizeParameters(ReportType.CONTRIBUTOR_STATEMENT, { year: 1999 }).problems).toEqual([
      { field: 'parameters.year', message: expect.any(String) },
      { field: 'parameters.donorCode', message: expect.any(String) },
    ]);
    expect(
      normalizeParameters(ReportType.DECISION_PACK, { meetingId: 'nope' }).problems.map((p) => p.field),
    ).toEqual(['parameters.meetingId']);
  });

  it('compares parameters whatever their key order', () => {
    expect(canonicalParameters({ year: 2025, donorCode: 'DEU' })).toBe(
      canonicalParameters({ donorCode: 'DEU', year: 2025 }),
    );
  });
});

describe('who may generate and read reports', () => {
  const fmu = user([Role.FMU_OFFICER]);
  const aa = user([Role.AA_OFFICER]);
  const admin = user([Role.ADMIN]);
  const donor = user([Role.DONOR_VIEWER], 'DEU');

  it('lets FMU and AA officers generate anything but the AA the decision pack (scores), admins only read', () => {
    for (const type of Object.values(ReportType)) {
      const pack = type === ReportType.DECISION_PACK;
      expect(mayGenerate(fmu, type, {})).toBe(true);
      expect(mayGenerate(aa, type, {})).toBe(!pack);
      expect(mayRead(aa, type, {})).toBe(!pack);
      expect(mayGenerate(admin, type, {})).toBe(false);
      expect(mayRead(admin, type, { donorCode: 'FRA' })).toBe(true);
    }
  });

  it('limits a donor viewer to its own statement and the annual report', () => {
    expect(mayGenerate(donor, ReportType.CONTRIBUTOR_STATEMENT, { donorCode: 'DEU' })).toBe(true);
    expect(mayGenerate(donor, ReportType.CONTRIBUTOR_STATEMENT, { donorCode: 'FRA' })).toBe(false);
    expect(mayGenerate(donor, ReportType.ANNUAL_CONSOLIDATED, { year: 2025 })).toBe(true);
    expect(mayGenerate(donor, ReportType.PROGRAMME_FACTSHEET, {})).toBe(false);
    expect(mayRead(donor, ReportType.DECISION_PACK, {})).toBe(false);
    expect(mayRead(user([Role.DONOR_VIEWER], null), ReportType.ANNUAL_CONSOLIDATED, {})).toBe(false);
  });

  it('follows the permission table: a donor who also reads the fund records (an AA officer) is no longer limited', () => {
    const both = user([Role.DONOR_VIEWER, Role.AA_OFFICER], 'DEU');
    expect(mayGenerate(both, ReportType.CONTRIBUTOR_STATEMENT, { donorCode: 'FRA' })).toBe(true);
    expect(mayGenerate(both, ReportType.PROGRAMME_FACTSHEET, {})).toBe(true);
    expect(mayRead(both, ReportType.DECISION_PACK, {})).toBe(false);
    // Without report.generate in the table (SC roles), reading proposals gives no report at all.
    expect(mayGenerate(user([Role.SC_CHAIR]), ReportType.ANNUAL_CONSOLIDATED, {})).toBe(false);
    expect(mayRead(user([Role.SC_CHAIR]), ReportType.DECISION_PACK, {})).toBe(false);
  });

  it('asks a contributor for its own statement when the request names no donor, and nobody else', () => {
    expect(defaultStatementDonor(donor)).toBe('DEU');
    expect(defaultStatementDonor(fmu)).toBeNull();
    expect(defaultStatementDonor(admin)).toBeNull();
    expect(defaultStatementDonor(user([Role.DONOR_VIEWER], null))).toBeNull();
    expect(defaultStatementDonor(user([Role.DONOR_VIEWER, Role.AA_OFFICER], 'DEU'))).toBeNull();
  });

  it('says the same in SQL for lists and the audit trail', () => {
    const sql = (who: AuthUser) => {
      const params: unknown[] = [];
      return { sql: readableRunsCondition(who, positionalParams(params)), params };
    };
    expect(sql(fmu)).toEqual({ sql: '(true)', params: [] });
    expect(sql(aa)).toEqual({ sql: '(r.type <> $1)', params: [ReportType.DECISION_PACK] });
    expect(sql(donor).params).toEqual([
      ReportType.ANNUAL_CONSOLIDATED,
      ReportType.CONTRIBUTOR_STATEMENT,
      'DEU',
    ]);
    expect(sql(user([Role.DONOR_VIEWER], null)).sql).toBe('false');
    expect(sql(user([Role.SC_MEMBER])).sql).toBe('false');
  });
});
