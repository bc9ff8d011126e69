import { Clock } from '@mptf/platform';
import {
  DocumentKind,
  ProposalDocumentsService,
  ProposalCommandsService,
  ProposalQueriesService,
  ProposalStatus,
} from '@mptf/proposals';
import {
  DecisionOutcome,
  DecisionsService,
  MeetingsService,
  PipelineService,
  ReviewsService,
  ScreeningOutcome,
  ScreeningService,
} from '@mptf/review';
import PDFDocument from 'pdfkit';
import { DemoContext, DemoStep } from './demo-context';
import { seedDemoProgrammeMoney } from './demo-finance.step';
import { DEMO_PROPOSALS, demoProposalId, demoUser } from './demo-proposals.step';
import {
  CHAIR,
  CURRENT_REVIEWS,
  DECIDED_PROPOSALS,
  DemoReview,
  FIRST_MEETING,
  FMU,
  SECOND_MEETING,
  UPCOMING_AGENDA,
  UPCOMING_MEETING_TITLE,
} from './demo-review.data';

export { DECIDED_PROPOSALS, FIRST_MEETING, SECOND_MEETING, UPCOMING_MEETING_TITLE } from './demo-review.data';

function conceptNote(title: string, summary: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.fontSize(9).fillColor('#555').text('Migration Multi-Partner Trust Fund · Joint programme document');
    pdf.moveDown().fontSize(16).fillColor('#000').text(title);
    pdf.moveDown().fontSize(11).text(summary, { align: 'justify' });
    pdf.end();
  });
}

async function idByTitle(
  context: DemoContext,
  title: string,
): Promise<{ id: string; status: ProposalStatus } | null> {
  const [row] = (await context.dataSource.query('SELECT id, status FROM proposals WHERE title = $1', [
    title,
  ])) as {
    id: string;
    status: ProposalStatus;
  }[];
  return row ?? null;
}

async function meetingByTitle(context: DemoContext, title: string): Promise<string | null> {
  const [row] = (await context.dataSource.query('SELECT id FROM sc_meetings WHERE title = $1', [title])) as {
    id: string;
  }[];
  return row?.id ?? null;
}

/** Writes the reviews that are not there yet (members recused or already reviewing are skipped). */
async function review(context: DemoContext, proposalId: string, reviews: DemoReview[]): Promise<number> {
  const service = context.app.get(ReviewsService);
  let written = 0;
  for (const demo of reviews) {
    const member = await demoUser(context.dataSource, demo.member);
    const recusal = await service.recusal(member, proposalId);
    if (recusal.recused || recusal.reviewedThisRound) continue;
    await service.submit(member, proposalId, {
      scores: [
        'RELEVANCE',
        'GUIDING_PRINCIPLES',
        'JOINT_PROGRAMMING',
        'RESULTS',
        'FEASIBILITY',
        'INNOVATION',
      ].map((criterionCode, index) => ({ criterionCode, score: demo.scores[index] })),
      recommendation: demo.recommendation,
      comment: demo.comment,
    });
    written += 1;
  }
  return written;
}

/**
 * The Steering Committee's work in the demo: ten proposals of earlier rounds screened, reviewed
 * and decided at two past meetings (approvals with allocations, two pipeline entries re-ranked by
 * the FMU, a rejection, a revision request), money for the approved programmes (transfers,
 * expenditure, a refund, closures), reviews and a declared conflict on proposals under review
 * now, and an upcoming meeting whose decision pack shows the balance if each were approved.
 * Everything through the real services; idempotent piece by piece.
 */
export const demoReviewStep: DemoStep = {
  name: 'demo Steering Committee (reviews, meetings, decisions, pipeline, programme money)',
  async alreadyDone(context: DemoContext) {
    return (await meetingByTitle(context, UPCOMING_MEETING_TITLE)) !== null;
  },
  async run(context: DemoContext) {
    const { app, dataSource, progress } = context;
    const proposals = app.get(ProposalCommandsService);
    const proposalQueries = app.get(ProposalQueriesService);
    const documents = app.get(ProposalDocumentsService);
    const screening = app.get(ScreeningService);
    const meetings = app.get(MeetingsService);
    const decisions = app.get(DecisionsService);
    const pipeline = app.get(PipelineService);
    const reviews = app.get(ReviewsService);
    const clock = app.get(Clock);
    const fmu = await demoUser(dataSource, FMU);
    const chair = await demoUser(dataSource, CHAIR);

    // 1. Earlier rounds: submitted, screened and reviewed.
    const ids = new Map<string, string>();
    let reviewCount = 0;
    for (const demo of DECIDED_PROPOSALS) {
      let found = await idByTitle(context, demo.input.title);
      if (!found) {
        const author = await demoUser(dataSource, demo.author);
        const { id } = await proposals.create(author, demo.input);
        await documents.upload(author, id, {
          kind: DocumentKind.PROGRAMME_DOCUMENT,
          filename: `${demo.key}-programme-document.pdf`,
          content: await conceptNote(demo.input.title, demo.input.summary),
        });
        await proposals.submit(author, id);
        found = { id, status: ProposalStatus.SUBMITTED };
      }
      if (found.status === ProposalStatus.SUBMITTED)
        await screening.screen(fmu, found.id, {
          outcome: ScreeningOutcome.PASS,
          comment: 'Eligible; forwarded to the Steering Committee',
        });
      if (found.status === ProposalStatus.SUBMITTED || found.status === ProposalStatus.UNDER_REVIEW)
        reviewCount += await review(context, found.id, demo.reviews);
      ids.set(demo.key, found.id);
    }

    // 2. The two past meetings and their decisions, each meeting in one batch.
    for (const [which, meeting] of [
      ['first', FIRST_MEETING],
      ['second', SECOND_MEETING],
    ] as const) {
      const planned = DECIDED_PROPOSALS.filter((demo) => demo.meeting === which);
      let meetingId = await meetingByTitle(context, meeting.title);
      if (!meetingId)
        meetingId = (
          await meetings.create(fmu, {
            title: meeting.title,
            date: meeting.date,
            proposalIds: planned.map((demo) => ids.get(demo.key) as string),
          })
        ).id;
      const pending: Parameters<DecisionsService['decideBatch']>[2] = [];
      for (const demo of planned) {
        const id = ids.get(demo.key) as string;
        const status = (await idByTitle(context, demo.input.title))?.status;
        if (status !== ProposalStatus.UNDER_REVIEW) continue;
        const allocations =
          demo.decision === DecisionOutcome.APPROVED
            ? (await proposalQueries.budgetOf(dataSource.manager, id)).byOrganization.map((org) => ({
                orgCode: org.orgCode,
                amountCents: org.total,
              }))
            : undefined;
        pending.push({
          proposalId: id,
          outcome: demo.decision,
          justification: demo.justification,
          conditions: demo.conditions ?? null,
          allocations,
        });
      }
      if (pending.length) await decisions.decideBatch(chair, meetingId, pending);
    }

    // 3. After the second meeting the FMU re-ranked the pipeline: Moldova first (next to be funded).
    const ranked = await pipeline.list();
    const wanted = ['moldova-diaspora', 'caribbean-disaster-displacement'].map(
      (key) => ids.get(key) as string,
    );
    const current = ranked.map((item) => item.proposalId);
    if (
      current.length === wanted.length &&
      wanted.every((id) => current.includes(id)) &&
      current.join() !== wanted.join()
    )
      await pipeline.rank(fmu, wanted);

    // 4. Money for the approved programmes: transfers, expenditure, a refund, closures.
    await seedDemoProgrammeMoney(
      context,
      DECIDED_PROPOSALS.filter((demo) => demo.money).map((demo) => ({
        id: ids.get(demo.key) as string,
        target: demo.money?.target,
        startDate: demo.money?.startDate,
      })),
    );

    // 5. The current round: reviews and a declared conflict on proposals under review.
    for (const demo of CURRENT_REVIEWS) {
      const id = await demoProposalId(dataSource, demo.key);
      if (!id) continue;
      for (const conflict of demo.conflicts ?? []) {
        const member = await demoUser(dataSource, conflict.member);
        if (!(await reviews.recusal(member, id)).recused)
          await reviews.declareConflict(member, id, conflict.reason);
      }
      reviewCount += await review(context, id, demo.reviews);
    }

    // 6. The next meeting, three weeks ahead, with its agenda (the pack is ready to read).
    if (!(await meetingByTitle(context, UPCOMING_MEETING_TITLE))) {
      const agenda: string[] = [];
      for (const key of UPCOMING_AGENDA) {
        const id = await demoProposalId(dataSource, key);
        if (
          id &&
          (await idByTitle(context, DEMO_PROPOSALS.find((p) => p.key === key)?.input.title ?? ''))?.status ===
            ProposalStatus.UNDER_REVIEW
        )
          agenda.push(id);
      }
      const pipelineHead = (await pipeline.list())[0];
      if (pipelineHead) agenda.push(pipelineHead.proposalId);
      const date = new Date(`${clock.today()}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + 21);
      if (agenda.length)
        await meetings.create(fmu, {
          title: UPCOMING_MEETING_TITLE,
          date: date.toISOString().slice(0, 10),
          proposalIds: agenda,
        });
    }
    progress(
      `demo: ${DECIDED_PROPOSALS.length} proposals decided at 2 past meetings, ${reviewCount} reviews, pipeline of ${(await pipeline.list()).length}, 1 upcoming meeting`,
    );
  },
};
