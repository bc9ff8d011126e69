import { Readable } from 'node:stream';
import { RenderContext, ReportDocument } from '../document/report-document';

export interface RenderOutput {
  /** The file's bytes as they are produced; the caller pipes them into storage. */
  stream: Readable;
  /** Settles when rendering is over; `pages` for paged formats. */
  done: Promise<{ pages: number | null }>;
  /** When this document's file differs from the format's usual one (CSV: a zip of tables). */
  extension?: string;
  contentType?: string;
}

/** Draws a ReportDocument in one format. Renderers hold no state between runs. */
export abstract class ReportRenderer {
  abstract readonly extension: string;
  abstract render(document: ReportDocument, context: RenderContext): RenderOutput;
}
