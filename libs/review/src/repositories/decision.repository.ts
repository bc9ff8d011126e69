import { Injectable } from '@nestjs/common';
import { Cents, sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { DecisionOutcome } from '../decision-rules';
import { DecisionCapacity } from '../review-access';

export interface DecisionRow {
  id: string;
  proposalId: string;
  reference: string;
  meetingId: string | null;
  round: number;
  fromStatus: ProposalStatus;
  outcome: DecisionOutcome;
  justification: string;
  conditions: string | null;
  total: string;
  decidedAt: Date;
  recordedAs: DecisionCapacity;
  userId: string;
  name: string;
  pipelineRank: number | null;
  allocations: { orgCode: string; amount: string }[];
}

export interface NewDecision {
  proposalId: string;
  meetingId: string | null;
  round: number;
  fromStatus: ProposalStatus;
  outcome: DecisionOutcome;
  justification: string;
  conditions: string | null;
  totalAllocated: Cents;
  decidedBy: string;
  recordedAs: DecisionCapacity;
  /** Per PUNO (by code), with the ledger entry finance recorded for it. */
  allocations: { orgCode: string; amount: Cents; entryId: string }[];
}

/** The decisions with their allocations, in the order they were taken (agenda order within a meeting). */
const DECISIONS_SQL = (where: string) => `
  SELECT d.id, d.proposal_id AS "proposalId", p.reference, d.meeting_id AS "meetingId", d.round,
         d.from_status AS "fromStatus", d.outcome, d.justification, d.conditions, d.total_allocated::text AS total,
         d.decided_at AS "decidedAt", d.recorded_as AS "recordedAs", u.id AS "userId", u.name,
         pr.rank AS "pipelineRank",
         coalesce((SELECT json_agg(json_build_object('orgCode', o.code, 'amount', a.amount::text) ORDER BY po.position, o.code)
                     FROM sc_decision_allocations a JOIN identity_organizations_v o ON o.id = a.organization_id
                     LEFT JOIN proposals_participants_v po
                       ON po.proposal_id = d.proposal_id AND po.organization_id = a.organization_id
                    WHERE a.decision_id = d.id), '[]') AS allocations
    FROM sc_decisions d
    JOIN proposals_summary_v p ON p.id = d.proposal_id
    JOIN identity_users_v u ON u.id = d.decided_by
    LEFT JOIN sc_meeting_agenda ag ON ag.meeting_id = d.meeting_id AND ag.proposal_id = d.proposal_id
    LEFT JOIN pipeline_ranks pr ON pr.proposal_id = d.proposal_id
          AND d.outcome = '${DecisionOutcome.PIPELINE}' AND p.status = '${ProposalStatus.PIPELINE}'
   WHERE ${where}
   ORDER BY d.decided_at, ag.position NULLS LAST, d.id`;

/** The Steering Committee's append-only decision record (sc_decisions, sc_decision_allocations). */
@Injectable()
export class DecisionRepository {
  /** The decision and its allocations in one statement; returns its id. */
  async add(db: SqlRunner, decision: NewDecision): Promise<string> {
    const [row] = await sqlRows<{ id: string }>(
      db,
      `WITH decision AS (
         INSERT INTO sc_decisions (proposal_id, meeting_id, round, from_status, outcome, justification, conditions,
                                   total_allocated, decided_by, recorded_as)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
       ), allocations AS (
         INSERT INTO sc_decision_allocations (decision_id, organization_id, amount, ledger_entry_id)
         SELECT decision.id, o.id, t.amount, t.entry_id
           FROM decision, unnest($11::text[], $12::bigint[], $13::uuid[]) AS t(code, amount, entry_id)
           JOIN identity_organizations_v o ON o.code = t.code
       )
       SELECT id FROM decision`,
      [
        decision.proposalId,
        decision.meetingId,
        decision.round,
        decision.fromStatus,
        decision.outcome,
        decision.justification,
        decision.conditions,
        decision.totalAllocated.toString(),
        decision.decidedBy,
        decision.recordedAs,
        decision.allocations.map((a) => a.orgCode),
        decision.allocations.map((a) => a.amount.toString()),
        decision.allocations.map((a) => a.entryId),
      ],
    );
    return row.id;
  }

  byId(db: SqlRunner, id: string): Promise<DecisionRow[]> {
    return sqlRows<DecisionRow>(db, DECISIONS_SQL('d.id = $1'), [id]);
  }

  ofProposal(db: SqlRunner, proposalId: string): Promise<DecisionRow[]> {
    return sqlRows<DecisionRow>(db, DECISIONS_SQL('d.proposal_id = $1'), [proposalId]);
  }

  ofMeeting(db: SqlRunner, meetingId: string): Promise<DecisionRow[]> {
    return sqlRows<DecisionRow>(db, DECISIONS_SQL('d.meeting_id = $1'), [meetingId]);
  }

  /** The latest decision on each proposal at a meeting. */
  latestOfMeeting(
    db: SqlRunner,
    meetingId: string,
  ): Promise<{ id: string; proposalId: string; outcome: string; decidedAt: Date }[]> {
    return sqlRows(
      db,
      `SELECT DISTINCT ON (proposal_id) id, proposal_id AS "proposalId", outcome, decided_at AS "decidedAt"
         FROM sc_decisions WHERE meeting_id = $1 ORDER BY proposal_id, decided_at DESC`,
      [meetingId],
    );
  }
}
