/**
 * Text a page shows but only the end of the document knows ("of N"), on pages already written.
 *
 * The pages are streamed out as they fill (a long annual report does not fit in memory as
 * pdfkit's buffered pages: every drawing operator is kept as its own byte array until the end).
 * So each page draws a form XObject where the late text goes, and the form's content is written
 * at the end, with pdfkit's own text drawing aimed at the form instead of a page: the same fonts,
 * shaping and positions as text drawn on the page itself.
 */

type Ref = PDFKit.PDFKitReference & {
  data: Record<string, unknown>;
  end(): void;
};

/** pdfkit's internals this uses: its typings leave them out. */
interface DocInternals {
  ref(data?: Record<string, unknown>): Ref;
  page: PageInternals;
  addContent(data: string): unknown;
}

interface PageInternals {
  width: number;
  height: number;
  margins: Record<'top' | 'bottom' | 'left' | 'right', number>;
  xobjects: Record<string, Ref>;
}

interface Slot {
  key: number;
  form: Ref;
  resources: Ref;
}

export class LateText {
  private readonly slots: Slot[] = [];

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /**
   * Marks the place on the current page (drawn there once `fill` runs). Call it where the page's
   * coordinates are pdfkit's own (not inside a save/transform), as at a new page. `key` is handed
   * back to `fill`'s drawing (the page's index, say).
   */
  reserve(key: number): void {
    const doc = this.doc as unknown as DocInternals;
    const { width, height } = doc.page;
    const resources = doc.ref({ ProcSet: ['PDF', 'Text'] });
    const form = doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      Resources: resources,
    });
    doc.page.xobjects.Late = form;
    doc.addContent('/Late Do');
    this.slots.push({ key, form, resources });
  }

  /** Draws into each reserved place with pdfkit (`draw(slot)`), then writes the forms out. */
  fill(draw: (key: number) => void): void {
    const doc = this.doc as unknown as DocInternals;
    const page = doc.page;
    try {
      for (const slot of this.slots) {
        // A stand-in page whose content and resources are the form's: pdfkit draws into it as
        // into a page of the same size and margins.
        doc.page = Object.assign(Object.create(Object.getPrototypeOf(page) as object) as PageInternals, {
          document: doc,
          width: page.width,
          height: page.height,
          margins: { ...page.margins },
          content: slot.form,
          resources: slot.resources,
          dictionary: null,
          markings: [],
        });
        draw(slot.key);
        slot.form.end();
        slot.resources.end();
      }
    } finally {
      doc.page = page;
    }
    this.slots.length = 0;
  }
}
