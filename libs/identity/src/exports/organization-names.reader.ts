import { Injectable } from '@nestjs/common';
import { sqlRow, SqlRunner } from '@mptf/platform';

export interface OrganizationName {
  code: string;
  name: string;
}

/** What identity exports to readers that name an organization inside their own transaction. */
@Injectable()
export class OrganizationNamesReader {
  /** The organization with this code, or null when there is none. */
  byCode(db: SqlRunner, code: string): Promise<OrganizationName | null> {
    return sqlRow<OrganizationName>(db, 'SELECT code, name FROM organizations WHERE code = $1', [code]);
  }
}
