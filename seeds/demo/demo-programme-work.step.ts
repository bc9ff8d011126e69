import type { AuthUser } from '@mptf/identity';
import { toAuthUser, User } from '@mptf/identity';
import { Clock } from '@mptf/platform';
import { addMonths } from '@mptf/results';
import { ObligationsService, ProgressReportsService, RevisionKind, RevisionsService } from '@mptf/programmes';
import { DemoContext, DemoStep } from './demo-context';

const FMU_EMAIL = 'fmu@mptf.test';

async function userByEmail(context: DemoContext, email: string): Promise<AuthUser> {
  return toAuthUser(await context.dataSource.getRepository(User).findOneOrFail({ where: { email } }));
}

async function focalPointOf(context: DemoContext, orgCode: string): Promise<AuthUser | null> {
  const [row] = (await context.dataSource.query(
    `SELECT u.email FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE o.code = $1 AND 'AGENCY_FOCAL_POINT' = ANY(u.roles) AND u.active ORDER BY u.email LIMIT 1`,
    [orgCode],
  )) as { email: string }[];
  return row ? userByEmail(context, row.email) : null;
}

/**
 * The reporting calendar and revisions of the demo portfolio: every started programme's
 * obligations (so reports are due and overdue by the clock), one annual report accepted after a
 * return, one waiting for the fund unit, and a no-cost extension approved by the fund unit. Runs
 * once (its reports and revisions are its mark); the obligations are reconciled on every run.
 */
export const demoProgrammeWorkStep: DemoStep = {
  name: 'reporting calendar, progress reports and a revision',
  async alreadyDone({ dataSource }: DemoContext) {
    const [row] = (await dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM progress_reports) AND EXISTS (SELECT 1 FROM programme_revisions) AS done`,
    )) as { done: boolean }[];
    return row.done;
  },
  async run(context: DemoContext) {
    const calendar = context.app.get(ObligationsService);
    const reports = context.app.get(ProgressReportsService);
    const revisions = context.app.get(RevisionsService);
    const today = context.app.get(Clock).today();
    const fmu = await userByEmail(context, FMU_EMAIL);
    const programmes = (await context.dataSource.query(
      `SELECT p.id, p.status, o.code AS convener FROM proposals p JOIN organizations o ON o.id = p.convener_org_id
        WHERE p.status IN ('ACTIVE', 'OPERATIONALLY_CLOSED', 'FINANCIALLY_CLOSED') ORDER BY p.reference`,
    )) as { id: string; status: string; convener: string }[];
    for (const programme of programmes)
      await context.dataSource.transaction((manager) => calendar.reconcile(manager, programme.id));

    // Narrative obligations already due, of programmes whose convener has a demo focal point.
    const candidates: { programmeId: string; obligationId: string; author: AuthUser }[] = [];
    for (const programme of programmes.filter((p) => p.status === 'ACTIVE')) {
      const author = await focalPointOf(context, programme.convener);
      if (!author) continue;
      const page = await calendar.ofProgramme(fmu, programme.id, { page: 1, pageSize: 200 });
      const due = page.items.find(
        (o) => o.kind === 'ANNUAL_NARRATIVE' && o.dueDate <= today && !o.progressReportId,
      );
      if (due) candidates.push({ programmeId: programme.id, obligationId: due.id, author });
    }
    const [done] = (await context.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM progress_reports) AS reports, EXISTS (SELECT 1 FROM programme_revisions) AS revisions`,
    )) as { reports: boolean; revisions: boolean }[];
    for (const [index, candidate] of (done.reports ? [] : candidates.slice(0, 2)).entries()) {
      const report = await reports.create(candidate.author, candidate.programmeId, candidate.obligationId);
      await reports.writeSections(
        candidate.author,
        report.id,
        report.outcomes.map((outcome) => ({
          resultKey: outcome.key,
          progress: `Activities under ${outcome.key} ran as planned; the indicators show the first results.`,
          challenges: 'Partner recruitment took longer than planned in the first quarter.',
          adjustments: 'Trainings were moved to the second half of the year.',
          genderHumanRights:
            'Women made up half of the people reached; services were offered in migrants’ languages.',
          story: 'A returning migrant worker used the new referral service to recover unpaid wages.',
        })),
      );
      await reports.submit(candidate.author, report.id);
      if (index === 0) {
        await reports.review(
          fmu,
          report.id,
          'RETURN',
          'Please add the adjustments made after the mid-year review.',
        );
        await reports.submit(candidate.author, report.id);
        await reports.review(fmu, report.id, 'ACCEPT', 'Thank you: accepted.');
      }
    }

    // One revision: a three-month no-cost extension of an active programme, approved by the fund unit.
    for (const programme of done.revisions ? [] : programmes.filter((p) => p.status === 'ACTIVE')) {
      const author = await focalPointOf(context, programme.convener);
      if (!author) continue;
      const [current] = await revisions
        .versionsOf(fmu, programme.id)
        .then((v) => (Array.isArray(v) ? v.slice(-1) : [v]));
      const end = current.content.endDate;
      const extended = addMonths(end, 3);
      const revision = await revisions.request(author, programme.id, {
        kind: RevisionKind.NO_COST_EXTENSION,
        justification:
          'Elections in the host country delayed the government counterparts’ approvals by a quarter.',
        endDate: extended,
      });
      await revisions.review(
        fmu,
        revision.id,
        'APPROVE',
        'A short extension within the fund unit’s threshold.',
      );
      break;
    }
  },
};
