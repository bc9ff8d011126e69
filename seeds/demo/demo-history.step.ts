import { DataSource } from 'typeorm';
import { DemoContext, DemoStep } from './demo-context';
import { DECIDED_PROPOSALS, FIRST_MEETING, SECOND_MEETING } from './demo-review.data';

/**
 * When each step of an earlier round happened, in days before its meeting (the decision is at
 * the meeting; a programme starts at its first transfer).
 */
export const ROUND_DAYS_BEFORE_MEETING = { created: 100, submitted: 90, screened: 60 };

/** The decided demo proposals by title, with the date of the meeting that decided them. */
function decidedPlan(): { titles: string[]; meetings: string[] } {
  return {
    titles: DECIDED_PROPOSALS.map((demo) => demo.input.title),
    meetings: DECIDED_PROPOSALS.map(
      (demo) => (demo.meeting === 'first' ? FIRST_MEETING : SECOND_MEETING).date,
    ),
  };
}

/**
 * The timeline entries of the decided demo proposals with the moment they stand for: created,
 * submitted and screened before the meeting, decided at it, active from the first transfer.
 * Closures keep the moment they were recorded (with the refund of the balance, dated then).
 */
const TARGETS = `
  WITH plan AS (SELECT * FROM unnest($1::text[], $2::date[]) AS plan(title, meeting)),
  targets AS (
    SELECT c.id,
           (CASE
              WHEN c.to_status = 'DRAFT' AND c.from_status IS NULL THEN plan.meeting - ${ROUND_DAYS_BEFORE_MEETING.created} + time '09:00'
              WHEN c.to_status = 'SUBMITTED' THEN plan.meeting - ${ROUND_DAYS_BEFORE_MEETING.submitted} + time '10:00'
              WHEN c.to_status = 'UNDER_REVIEW' THEN plan.meeting - ${ROUND_DAYS_BEFORE_MEETING.screened} + time '11:00'
              WHEN c.to_status IN ('APPROVED', 'PIPELINE', 'REJECTED', 'REVISION_REQUESTED') THEN plan.meeting + time '15:00'
              WHEN c.to_status = 'ACTIVE' THEN
                (SELECT min(e.entry_date) FROM ledger_entries e WHERE e.proposal_id = p.id AND e.kind = 'TRANSFER') + time '12:00'
            END) AT TIME ZONE 'UTC' AS at,
           p.id AS proposal_id, plan.meeting
      FROM plan JOIN proposals p ON p.title = plan.title
      JOIN proposal_status_changes c ON c.proposal_id = p.id)`;

/** Only ever earlier: a second run, or a meeting still ahead of the seed's clock, changes nothing. */
const LATER_THAN_TARGET = `t.at IS NOT NULL AND t.at < c.occurred_at`;

async function undated(dataSource: DataSource): Promise<number> {
  const { titles, meetings } = decidedPlan();
  const [row] = (await dataSource.query(
    `${TARGETS} SELECT count(*)::int AS n FROM targets t JOIN proposal_status_changes c ON c.id = t.id
      WHERE ${LATER_THAN_TARGET}`,
    [titles, meetings],
  )) as { n: number }[];
  return row.n;
}

/**
 * The demo's history at the dates it stands for. The services record a proposal's timeline, its
 * decisions and reviews when they run (at seed time), while the earlier rounds' meetings,
 * allocations, transfers and expenditure are dated in the past; reports cut at 31 December read
 * the timeline, so undated the 2024 and 2025 reports counted no proposals. This step dates the
 * decided proposals' timeline (and their creation and submission) at their round: created,
 * submitted and screened before the meeting, decided at it, active from the first transfer.
 * Reviews and decisions are append-only records and keep the moment they were recorded.
 * Idempotent: it only moves a moment earlier, to a fixed target.
 */
export const demoHistoryStep: DemoStep = {
  name: 'demo history (earlier rounds dated at their meetings)',
  async alreadyDone({ dataSource }: DemoContext) {
    return (await undated(dataSource)) === 0;
  },
  async run({ dataSource, progress }: DemoContext) {
    const { titles, meetings } = decidedPlan();
    const days = ROUND_DAYS_BEFORE_MEETING;
    const moved = await dataSource.transaction(async (manager) => {
      const changed = (await manager.query(
        `${TARGETS}
         UPDATE proposal_status_changes c SET occurred_at = t.at FROM targets t
          WHERE t.id = c.id AND ${LATER_THAN_TARGET} RETURNING c.id`,
        [titles, meetings],
      )) as [unknown[], number];
      const round = `WITH plan AS (SELECT * FROM unnest($1::text[], $2::date[]) AS plan(title, meeting)),
        dated AS (SELECT p.id, plan.meeting FROM plan JOIN proposals p ON p.title = plan.title)`;
      const at = (daysBefore: number, time: string) =>
        `((d.meeting - ${daysBefore} + time '${time}') AT TIME ZONE 'UTC')`;
      await manager.query(
        `${round} UPDATE proposals p
            SET created_at = least(p.created_at, ${at(days.created, '09:00')}),
                submitted_at = least(p.submitted_at, ${at(days.submitted, '10:00')})
           FROM dated d WHERE d.id = p.id`,
        [titles, meetings],
      );
      await manager.query(
        `${round} UPDATE proposal_revisions v SET submitted_at = least(v.submitted_at, ${at(days.submitted, '10:00')})
           FROM dated d WHERE d.id = v.proposal_id`,
        [titles, meetings],
      );
      return Array.isArray(changed[0]) ? changed[0].length : 0;
    });
    progress(`demo: ${moved} status changes of ${titles.length} decided proposals dated at their rounds`);
  },
};
