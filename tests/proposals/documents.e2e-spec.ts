import { rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { minimalDocx, minimalPdf, zipOf } from '../support/documents';
import { selectEntities } from '@mptf/platform';
import { Proposal, ProposalDocument } from '@mptf/proposals';
import { createTestContext, TestContext } from '../support/test-context';
import { DONOR, eligibleProposal, FMU, IOM, UNDP, UNICEF } from './proposal-fixtures';

describe('proposal documents', () => {
  let t: TestContext;
  let proposalId: string;
  const api = (path: string) => `/api/v1${path}`;
  const MAX_UPLOAD_BYTES = 64 * 1024;

  beforeAll(async () => {
    t = await createTestContext({ env: { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
    const created = await t.http
      .post(api('/proposals'))
      .set(await t.as(IOM))
      .send(eligibleProposal());
    proposalId = created.body.id;
  });
  afterAll(() => t.close());

  const upload = async (email: string, content: Buffer, filename: string, kind?: string) => {
    const request = t.http
      .post(api(`/proposals/${proposalId}/documents`))
      .set(await t.as(email))
      .attach('file', content, { filename, contentType: 'application/octet-stream' });
    return kind ? request.field('kind', kind) : request;
  };

  it('accepts PDF, DOCX and XLSX, recognized by content, and stores them for download', async () => {
    const pdf = minimalPdf();
    const pdfResponse = await upload(IOM, pdf, 'endorsement-letter.pdf', 'ENDORSEMENT_LETTER');
    expect(pdfResponse.status).toBe(201);
    expect(pdfResponse.body).toMatchObject({
      id: expect.any(String),
      kind: 'ENDORSEMENT_LETTER',
      filename: 'endorsement-letter.pdf',
      contentType: 'application/pdf',
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });

    // A Word file whose name claims nothing: the type comes from the bytes.
    const docx = await upload(UNICEF, minimalDocx(), 'concept note', 'CONCEPT_NOTE');
    expect(docx.status).toBe(201);
    expect(docx.body).toMatchObject({
      filename: 'concept note.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Budget').addRow(['IOM', 1, 300000]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxResponse = await upload(IOM, xlsx, 'budget.xlsx', 'BUDGET');
    expect(xlsxResponse.status).toBe(201);
    expect(xlsxResponse.body.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

    const list = await t.http.get(api(`/proposals/${proposalId}/documents`)).set(await t.as(UNICEF));
    expect(list.body.map((d: { kind: string }) => d.kind)).toEqual([
      'ENDORSEMENT_LETTER',
      'CONCEPT_NOTE',
      'BUDGET',
    ]);
    const detail = await t.http.get(api(`/proposals/${proposalId}`)).set(await t.as(IOM));
    expect(detail.body.documents).toHaveLength(3);

    const download = await t.http
      .get(api(`/proposals/${proposalId}/documents/${pdfResponse.body.id}`))
      .set(await t.as(UNICEF))
      .responseType('blob');
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      'attachment; filename="endorsement-letter.pdf"',
    );
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
  });

  it('keeps non-ASCII names as sent (UTF-8, NFC) and serves them back exactly, with nosniff', async () => {
    const composed = await upload(IOM, minimalPdf(), 'résumé Ωμέγα.pdf');
    expect(composed.status).toBe(201);
    expect(composed.body.filename).toBe('résumé Ωμέγα.pdf');
    // macOS sends decomposed accents (e + U+0301): stored composed, not with the accent replaced.
    const decomposed = await upload(IOM, minimalPdf(), 'cafe\u0301.pdf');
    expect(decomposed.body.filename).toBe('café.pdf');

    const download = await t.http
      .get(api(`/proposals/${proposalId}/documents/${composed.body.id}`))
      .set(await t.as(IOM))
      .responseType('blob');
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="r_sum_ _____.pdf"; filename*=UTF-8''${encodeURIComponent('résumé Ωμέγα.pdf')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const [row] = (await t.db.query('SELECT filename FROM proposal_documents WHERE id = $1', [
      composed.body.id,
    ])) as { filename: string }[];
    expect(row.filename).toBe('résumé Ωμέγα.pdf');
    for (const id of [composed.body.id, decomposed.body.id]) {
      await t.http.delete(api(`/proposals/${proposalId}/documents/${id}`)).set(await t.as(IOM));
    }
  });

  it('answers 404 naming the document when its file is gone from storage, as reports do', async () => {
    const uploaded = await upload(IOM, minimalPdf(), 'lost.pdf');
    expect(uploaded.status).toBe(201);
    const [{ storage_key: key }] = (await t.db.query(
      'SELECT storage_key FROM proposal_documents WHERE id = $1',
      [uploaded.body.id],
    )) as { storage_key: string }[];
    rmSync(join(process.env.UPLOADS_DIR as string, key.replace(/^uploads\//, '')));
    const download = await t.http
      .get(api(`/proposals/${proposalId}/documents/${uploaded.body.id}`))
      .set(await t.as(IOM));
    expect(download.status).toBe(404);
    expect(download.body.message).toBe(`The file of document ${uploaded.body.id} is no longer stored`);
    expect(download.body.details).toEqual([expect.objectContaining({ rule: 'FILE_STORED' })]);
  });

  it('rejects files that are not PDF, DOCX or XLSX whatever their name says (415)', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('<html><script>alert(1)</script></html>'), 'letter.pdf'],
      [Buffer.from('MZ\x90\x00\x03 executable'), 'budget.xlsx'],
      [zipOf({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }), 'slides.docx'],
      [zipOf({ 'readme.txt': 'hello' }), 'archive.docx'],
    ];
    for (const [content, filename] of cases) {
      const response = await upload(IOM, content, filename);
      expect(response.status).toBe(415);
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
    }
  });

  it('enforces MAX_UPLOAD_BYTES (413) and asks for a file (400)', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20)]);
    expect((await upload(IOM, big, 'huge.pdf')).status).toBe(413);
    const missing = await t.http
      .post(api(`/proposals/${proposalId}/documents`))
      .set(await t.as(IOM))
      .field('kind', 'OTHER');
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
    expect((await upload(IOM, minimalPdf(), 'x.pdf', 'PHOTO')).status).toBe(400);
  });

  it('lets only the PUNOs attach, and only while they can edit', async () => {
    expect((await upload(UNDP, minimalPdf(), 'intrusion.pdf')).status).toBe(403);
    expect((await upload(FMU, minimalPdf(), 'fmu.pdf')).status).toBe(403);
  });

  it('shows documents only to those who may see the proposal', async () => {
    const [document] = (await t.http.get(api(`/proposals/${proposalId}/documents`)).set(await t.as(IOM)))
      .body;
    const path = api(`/proposals/${proposalId}/documents/${document.id}`);
    expect((await t.http.get(path).set(await t.as(UNDP))).status).toBe(403);
    expect((await t.http.get(path).set(await t.as(FMU))).status).toBe(403); // still a draft
    expect((await t.http.get(path).set(await t.as(DONOR))).status).toBe(403);
    expect(
      (
        await t.http
          .get(api(`/proposals/${proposalId}/documents/00000000-0000-4000-8000-000000000000`))
          .set(await t.as(IOM))
      ).status,
    ).toBe(404);

    await t.http
      .post(api(`/proposals/${proposalId}/submit`))
      .set(await t.as(IOM))
      .expect(200);
    expect((await t.http.get(path).set(await t.as(FMU))).status).toBe(200);
    // The submitted revision lists its documents.
    const revision = await t.http.get(api(`/proposals/${proposalId}/revisions/1`)).set(await t.as(FMU));
    expect(revision.body.documents.map((d: { id: string }) => d.id)).toContain(document.id);
    // Submitted: no more uploads, and nothing of a revision can be removed.
    expect((await upload(IOM, minimalPdf(), 'late.pdf')).status).toBe(409);
    expect((await t.http.delete(path).set(await t.as(IOM))).status).toBe(409);
  });

  it('removes a document added since the last submission, and audits uploads', async () => {
    const created = await t.http
      .post(api('/proposals'))
      .set(await t.as(IOM))
      .send(eligibleProposal());
    const id = created.body.id;
    const added = await t.http
      .post(api(`/proposals/${id}/documents`))
      .set(await t.as(IOM))
      .attach('file', minimalPdf(), 'draft.pdf');
    expect(added.status).toBe(201);
    expect(added.body.kind).toBe('OTHER');
    expect(
      (await t.http.delete(api(`/proposals/${id}/documents/${added.body.id}`)).set(await t.as(UNDP))).status,
    ).toBe(403);
    expect(
      (await t.http.delete(api(`/proposals/${id}/documents/${added.body.id}`)).set(await t.as(UNICEF)))
        .status,
    ).toBe(204);
    expect((await t.http.get(api(`/proposals/${id}/documents`)).set(await t.as(IOM))).body).toEqual([]);
    // A draft's trail stays with its agencies; the fund unit reads it once the proposal is submitted.
    const auditPath = api(`/audit?entityType=proposal&entityId=${id}`);
    expect((await t.http.get(auditPath).set(await t.as(FMU))).body.total).toBe(0);
    await t.http
      .post(api(`/proposals/${id}/submit`))
      .set(await t.as(IOM))
      .expect(200);
    const audit = await t.http.get(auditPath).set(await t.as(FMU));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'proposal.submit',
      'proposal.document.delete',
      'proposal.document.upload',
      'proposal.create',
    ]);
  });

  it('reads the proposal and its documents with plain statements exactly as the ORM does', async () => {
    const manager = t.db.manager;
    const viaOrm = await manager.find(ProposalDocument, {
      where: { proposalId },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    const plain = await selectEntities(
      manager,
      ProposalDocument,
      'proposal_id = $1',
      [proposalId],
      'uploaded_at, id',
    );
    expect(viaOrm.length).toBeGreaterThan(1);
    expect(plain).toStrictEqual(viaOrm);
    // Dates, numerics, nullable booleans and dates of the proposal row convert as the ORM converts them.
    const [proposal] = await selectEntities(manager, Proposal, 'id = $1', [proposalId]);
    expect(proposal).toStrictEqual(await manager.findOneByOrFail(Proposal, { id: proposalId }));
    expect(proposal.createdAt).toBeInstanceOf(Date);
    expect(
      await selectEntities(manager, Proposal, 'id = $1', ['00000000-0000-4000-8000-000000000000']),
    ).toEqual([]);
  });
});
