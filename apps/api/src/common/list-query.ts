import { applyDecorators, Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, CsvColumn, csvDocument, inReadSnapshot, Page, RuleViolationError } from '@mptf/platform';
import { PageQuery } from './page-query';
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
      'csv: the whole list with the same filters, search and sort (every page, read in one snapshot; page and pageSize are ignored) as a CSV file (text/csv, UTF-8 with BOM, header row, money as decimal strings); a list of more than MAX_EXPORT_ROWS rows (20000 by default) is 422 EXPORT_ROW_LIMIT',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be json or csv' })
  format?: 'json' | 'csv';
}

/** Rows fetched per page for an export: the lists' largest page. */
const EXPORT_PAGE_SIZE = 200;

/** A list's pages: read through `manager` when given (the export's snapshot), else on its own. */
export type ListPages<P> = (page: { page: number; pageSize: number }, manager?: EntityManager) => Promise<P>;

/**
 * A list as JSON (one page) or, with `format=csv`, every page of it as a CSV attachment. The
 * pages come from the same service call as the JSON list, so filters, search, sort and the
 * caller's row rules are the ones the list applies. An export reads all its pages in one
 * read-only REPEATABLE READ transaction (a row added or moved meanwhile is neither lost nor
 * doubled), and holds at most MAX_EXPORT_ROWS rows: a larger list is refused with 422 before its
 * rows are read, as the rows are kept in memory to write the file.
 */
@Injectable()
export class ListExports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async listOrCsv<T, P extends Page<T>>(
    query: { page: number; pageSize: number; format?: 'json' | 'csv' },
    response: Response,
    list: ListPages<P>,
    csv: { fileName: string; columns: CsvColumn<T>[] },
  ): Promise<P | StreamableFile> {
    if (query.format !== 'csv') return list(query);
    const rows = await this.allRows<T, P>(list);
    const body = Buffer.from(csvDocument(csv.columns, rows), 'utf8');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', attachmentDisposition(csv.fileName));
    return new StreamableFile(body);
  }

  private allRows<T, P extends Page<T>>(list: ListPages<P>): Promise<T[]> {
    const limit = this.config.env.MAX_EXPORT_ROWS;
    return inReadSnapshot(this.dataSource, async (manager) => {
      const rows: T[] = [];
      for (let page = 1; ; page += 1) {
        const answer = await list({ page, pageSize: EXPORT_PAGE_SIZE }, manager);
        if (answer.total > limit) throw exportTooLarge(answer.total, limit);
        rows.push(...answer.items);
        // The snapshot's total is the export's length: no page comes short or late.
        if (answer.items.length === 0 || rows.length >= answer.total) return rows;
      }
    });
  }
}

function exportTooLarge(total: number, limit: number): RuleViolationError {
  const message = `the list has ${total} rows, more than the ${limit} a CSV export holds: narrow it with the filters or the search`;
  return new RuleViolationError(`format=csv: ${message}`, [
    { field: 'format', rule: 'EXPORT_ROW_LIMIT', message, rows: total, limit },
  ]);
}
