import { createHash } from 'node:crypto';
import { definitionsOf } from '../document/glossary';
import { ReportDocument } from '../document/report-document';
import { sampleDocument } from '../render/sample-document';
import { detailFingerprint, documentFingerprint, documentFor } from './report-generator.service';
import { ReportFormat } from './report-types';

/** A document with a spreadsheet-only section whose text alone brings a term into the definitions. */
function withSpreadsheetOnly(): ReportDocument {
  const document = sampleDocument(20);
  return {
    ...document,
    sections: [
      ...document.sections,
      {
        heading: 'Results by programme and indicator',
        notInPdf: true,
        blocks: [
          {
            kind: 'paragraph',
            text: 'Pipeline, gender marker, interest, baseline and target per indicator.',
          },
        ],
      },
    ],
  };
}

describe('documentFor and documentFingerprint', () => {
  it('hashes the bytes of JSON.stringify of the sections every format shows, a section at a time', () => {
    const document = withSpreadsheetOnly();
    const shared = document.sections.filter((section) => !section.notInPdf);
    const expected = createHash('sha256').update(JSON.stringify(shared)).digest('hex');
    expect(documentFingerprint({ document })).toBe(expected);
    // A PDF run composes no spreadsheet-only section: the same fingerprint as the other formats.
    expect(documentFingerprint({ document: { ...document, sections: shared } })).toBe(expected);
    // A document without spreadsheet-only sections: the bytes of JSON.stringify(sections), as before.
    const plain = sampleDocument(20);
    expect(documentFingerprint({ document: plain })).toBe(
      createHash('sha256').update(JSON.stringify(plain.sections)).digest('hex'),
    );
  });

  it('gives the spreadsheet-only sections a digest of their own', () => {
    const document = withSpreadsheetOnly();
    const detail = document.sections.filter((section) => section.notInPdf);
    expect(detailFingerprint({ document })).toBe(
      createHash('sha256').update(JSON.stringify(detail)).digest('hex'),
    );
    // Other indicator rows: the same fingerprint, another detail digest.
    const changed: ReportDocument = {
      ...document,
      sections: document.sections.map((section) =>
        section.notInPdf ? { ...section, blocks: [{ kind: 'paragraph', text: 'Another target.' }] } : section,
      ),
    };
    expect(documentFingerprint({ document: changed })).toBe(documentFingerprint({ document }));
    expect(detailFingerprint({ document: changed })).not.toBe(detailFingerprint({ document }));
    // A run without them (every PDF, every other report) has none.
    expect(detailFingerprint({ document: sampleDocument(20) })).toBeUndefined();
  });

  it('draws a PDF without the spreadsheet-only sections, with the whole document’s definitions', () => {
    const document = withSpreadsheetOnly();
    const pdf = documentFor(ReportFormat.PDF, document);
    expect(pdf.sections.map((section) => section.heading)).toEqual(
      document.sections.filter((section) => !section.notInPdf).map((section) => section.heading),
    );
    expect(definitionsOf(pdf)).toEqual(definitionsOf(document));
    // Without them, the PDF's own text would give other definitions: the test can fail.
    expect(definitionsOf({ ...document, sections: pdf.sections })).not.toEqual(definitionsOf(document));
    expect(documentFor(ReportFormat.XLSX, document)).toBe(document);
    expect(documentFor(ReportFormat.CSV, document)).toBe(document);
  });
});
