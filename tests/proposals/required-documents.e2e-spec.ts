import { minimalDocx, minimalPdf } from '../support/documents';
import { createTestContext, TestContext } from '../support/test-context';
import { ADMIN, eligibleProposal, IOM } from './proposal-fixtures';

const api = (path: string) => `/api/v1${path}`;

/** The documents the fund requires (fund setting requiredDocuments) are eligibility rules at submit. */
describe('required documents at submission', () => {
  let t: TestContext;
  let proposalId: string;
  beforeAll(async () => {
    t = await createTestContext();
    const settings = await t.http
      .patch(api('/settings/fund'))
      .set(await t.as(ADMIN))
      .send({ requiredDocuments: ['CONCEPT_NOTE', 'ENDORSEMENT_LETTER'] });
    expect(settings.status).toBe(200);
    expect(settings.body.requiredDocuments).toEqual(['CONCEPT_NOTE', 'ENDORSEMENT_LETTER']);
    const created = await t.http
      .post(api('/proposals'))
      .set(await t.as(IOM))
      .send(eligibleProposal());
    proposalId = created.body.id;
  });
  afterAll(() => t.close());

  const upload = async (content: Buffer, filename: string, kind: string) =>
    t.http
      .post(api(`/proposals/${proposalId}/documents`))
      .set(await t.as(IOM))
      .attach('file', content, { filename, contentType: 'application/octet-stream' })
      .field('kind', kind);

  it('lists them in the checklist, refuses submission while one is missing, naming it', async () => {
    const checklist = await t.http.get(api(`/proposals/${proposalId}/eligibility`)).set(await t.as(IOM));
    expect(checklist.body.requiredDocuments).toEqual([
      { kind: 'CONCEPT_NOTE', label: 'concept note', attached: false },
      { kind: 'ENDORSEMENT_LETTER', label: 'endorsement letter', attached: false },
    ]);
    expect(await upload(minimalDocx(), 'concept-note.docx', 'CONCEPT_NOTE')).toHaveProperty('status', 201);
    const submit = await t.http.post(api(`/proposals/${proposalId}/submit`)).set(await t.as(IOM));
    expect(submit.status).toBe(422);
    expect(submit.body.details).toEqual([
      {
        rule: 'REQUIRED_DOCUMENTS',
        field: 'documents.ENDORSEMENT_LETTER',
        message: 'Attach the endorsement letter: the fund requires it before submission',
      },
    ]);
  });

  it('submits once every required document is attached', async () => {
    expect(await upload(minimalPdf(), 'endorsement.pdf', 'ENDORSEMENT_LETTER')).toHaveProperty('status', 201);
    const checklist = await t.http.get(api(`/proposals/${proposalId}/eligibility`)).set(await t.as(IOM));
    expect(checklist.body).toMatchObject({ eligible: true, violations: [] });
    expect(checklist.body.requiredDocuments.every((d: { attached: boolean }) => d.attached)).toBe(true);
    const submit = await t.http.post(api(`/proposals/${proposalId}/submit`)).set(await t.as(IOM));
    expect(submit.status).toBe(200);
  });

  it('refuses an unknown document kind in the setting, naming the field', async () => {
    const response = await t.http
      .patch(api('/settings/fund'))
      .set(await t.as(ADMIN))
      .send({ requiredDocuments: ['PASSPORT'] });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('requiredDocuments');
  });
});
