import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { OrganizationType } from '@mptf/identity';

/**
 * Reference rows finance looks up inside its transactions (identity's organizations, reference's
 * thematic areas): read with the transaction's own connection, as the owners' services read
 * without one (a second connection per transaction can starve the pool under load).
 */
@Injectable()
export class LookupRepository {
  async organization(
    db: SqlRunner,
    code: string,
  ): Promise<{ id: string; type: OrganizationType; active: boolean } | null> {
    return sqlRow(db, 'SELECT id, type, active FROM identity_organizations_v WHERE code = $1', [code]);
  }

  async thematicAreaCodes(db: SqlRunner): Promise<number[]> {
    const rows = await sqlRows<{ code: number }>(
      db,
      'SELECT code FROM reference_thematic_areas_v ORDER BY code',
    );
    return rows.map((row) => row.code);
  }
}
