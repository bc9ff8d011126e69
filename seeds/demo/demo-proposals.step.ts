import type { AuthUser } from '@mptf/identity';
import { toAuthUser, User } from '@mptf/identity';
import { Clock } from '@mptf/platform';
import {
  DocumentKind,
  ProposalAction,
  ProposalCommandsService,
  ProposalDocumentsService,
  ProposalStatus,
  ProposalStatusService,
} from '@mptf/proposals';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { DemoContext, DemoStep } from './demo-context';
import { DEMO_PROPOSALS, DemoProposal } from './demo-proposals.data';

export { DEMO_PROPOSALS } from './demo-proposals.data';
export type { DemoProposal } from './demo-proposals.data';

const FMU = 'fmu@mptf.test';
const CHAIR = 'chair@mptf.test';
const S = ProposalStatus;

export async function demoProposalId(dataSource: DataSource, key: string): Promise<string | null> {
  const proposal = DEMO_PROPOSALS.find((p) => p.key === key);
  if (!proposal) throw new Error(`no demo proposal with key ${key}`);
  const rows = (await dataSource.query('SELECT id FROM proposals WHERE title = $1', [
    proposal.input.title,
  ])) as {
    id: string;
  }[];
  return rows[0]?.id ?? null;
}

/** A demo user as the services see a signed-in user. */
export async function demoUser(dataSource: DataSource, email: string): Promise<AuthUser> {
  return toAuthUser(await dataSource.getRepository(User).findOneOrFail({ where: { email } }));
}

/** A one-page PDF concept note (the real services check uploads by content). */
function conceptNote(proposal: DemoProposal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: proposal.input.title } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.fontSize(9).fillColor('#555').text('Migration Multi-Partner Trust Fund · Concept note');
    pdf.moveDown().fontSize(16).fillColor('#000').text(proposal.input.title);
    pdf.moveDown().fontSize(10).text(`Convening agency: ${proposal.input.convenerCode}`);
    pdf.text(`Participating UN organizations: ${proposal.input.participatingOrgCodes.join(', ')}`);
    pdf.text(`Countries: ${proposal.input.countryCodes.join(', ')}`);
    pdf.moveDown().fontSize(11).text(proposal.input.summary, { align: 'justify' });
    pdf.end();
  });
}

export const demoProposalsStep: DemoStep = {
  name: 'demo proposals',
  async alreadyDone({ dataSource }: DemoContext) {
    const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM proposals WHERE title = ANY($1)', [
      DEMO_PROPOSALS.map((p) => p.input.title),
    ])) as { n: number }[];
    return row.n === DEMO_PROPOSALS.length;
  },
  async run({ app, dataSource, progress }: DemoContext) {
    const proposals = app.get(ProposalCommandsService);
    const documents = app.get(ProposalDocumentsService);
    const statuses = app.get(ProposalStatusService);
    const clock = app.get(Clock);
    const fmu = await demoUser(dataSource, FMU);
    const chair = await demoUser(dataSource, CHAIR);
    const screen = (
      proposalId: string,
      action: ProposalAction,
      comment: string,
      columns?: Record<string, unknown>,
    ) =>
      dataSource.transaction((manager) =>
        statuses.apply(manager, { proposalId, action, actor: fmu, comment, columns }),
      );
    const daysFromToday = (days: number) => {
      const date = new Date(`${clock.today()}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + days);
      return date.toISOString().slice(0, 10);
    };

    let created = 0;
    for (const demo of DEMO_PROPOSALS) {
      if (await demoProposalId(dataSource, demo.key)) continue; // idempotent, also after a partial run
      const author = await demoUser(dataSource, demo.author);
      const { id } = await proposals.create(author, demo.input);
      created += 1;
      if (demo.status === S.DRAFT) continue;

      await documents.upload(author, id, {
        kind: DocumentKind.CONCEPT_NOTE,
        filename: `${demo.key}-concept-note.pdf`,
        content: await conceptNote(demo),
      });
      await proposals.submit(author, id);
      if (demo.revisedAfterReturn) {
        await screen(id, ProposalAction.SCREEN_RETURN, demo.revisedAfterReturn.comment);
        await proposals.update(author, id, demo.revisedAfterReturn.patch);
        await proposals.submit(author, id);
      }

      switch (demo.status) {
        case S.SUBMITTED:
          break;
        case S.RETURNED:
          await screen(id, ProposalAction.SCREEN_RETURN, demo.comment ?? 'Returned at screening');
          break;
        case S.INELIGIBLE:
          await screen(id, ProposalAction.SCREEN_INELIGIBLE, demo.comment ?? 'Ineligible at screening');
          break;
        case S.WITHDRAWN:
          await proposals.withdraw(author, id, demo.comment);
          break;
        case S.UNDER_REVIEW:
          await screen(id, ProposalAction.SCREEN_PASS, 'Eligible; forwarded to the Steering Committee', {
            review_due_date: daysFromToday(demo.reviewDueInDays ?? 21),
          });
          break;
        case S.REVISION_REQUESTED:
          // The SC's decision record belongs to the review module; here only the status is set.
          await screen(id, ProposalAction.SCREEN_PASS, 'Eligible; forwarded to the Steering Committee', {
            review_due_date: daysFromToday(-7),
          });
          await dataSource.transaction((manager) =>
            statuses.apply(manager, {
              proposalId: id,
              action: ProposalAction.DECIDE_REVISION,
              actor: chair,
              comment: demo.comment ?? 'Revision requested by the Steering Committee',
            }),
          );
          break;
        default:
          throw new Error(`demo proposals cannot reach ${demo.status} in intake`);
      }
    }
    progress(`demo: ${created} proposals (${DEMO_PROPOSALS.length} in the demo portfolio)`);
  },
};
