import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { CsvColumn, csvDocument, Page, PageQuery } from '@mptf/platform';
import { attachmentDisposition } from './content-disposition';

/** A list's `sort` parameter, documented with the fields it sorts by. */
export function SortParam(fields: Record<string, string>, example: string) {
  return applyDecorators(
    ApiPropertyOptional({
      example,
      description: `field (ascending) or -field (descending), several comma-separated: ${Object.keys(fields).join(', ')}. An unknown field is 400.`,
    }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );
}

/**
 * The query of a list that searches and exports (api.md, "Conventions for routes added later"):
 * paging, `q` and `format=csv`.
 */
export class ExportableListQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Search: reference, title and other text the list shows; prefixes match',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description:
      'csv: the whole list with the same filters, search and sort (every page; page and pageSize are ignored) as a CSV file (text/csv, UTF-8 with BOM, header row, money as decimal strings)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be json or csv' })
  format?: 'json' | 'csv';
}

/** Rows fetched per page for an export: the lists' largest page. */
const EXPORT_PAGE_SIZE = 200;

/**
 * A list as JSON (one page) or, with `format=csv`, every page of it as a CSV attachment. The
 * pages come from the same service call as the JSON list, so filters, search, sort and the
 * caller's row rules are the ones the list applies.
 */
export async function listOrCsv<T, P extends Page<T>>(
  query: { page: number; pageSize: number; format?: 'json' | 'csv' },
  response: Response,
  list: (page: { page: number; pageSize: number }) => Promise<P>,
  csv: { fileName: string; columns: CsvColumn<T>[] },
): Promise<P | StreamableFile> {
  if (query.format !== 'csv') return list(query);
  const rows: T[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await list({ page, pageSize: EXPORT_PAGE_SIZE });
    rows.push(...answer.items);
    if (answer.items.length < EXPORT_PAGE_SIZE || rows.length >= answer.total) break;
  }
  const body = Buffer.from(csvDocument(csv.columns, rows), 'utf8');
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', attachmentDisposition(csv.fileName));
  return new StreamableFile(body);
}
