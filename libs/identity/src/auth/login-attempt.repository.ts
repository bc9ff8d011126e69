import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';
import type { ThrottleCounts } from './login-throttle';

/** Advisory lock classes (two-key form), so these locks never meet another lock of the system. */
const ACCOUNT_LOCK = 71501;
const ADDRESS_LOCK = 71502;

/** Failed logins (login_attempts), counted per account, per address and per pair in a window. */
@Injectable()
export class LoginAttemptRepository {
  /** Locks the account, then the address, for the transaction: never in a cycle with another attempt. */
  async lock(db: SqlRunner, email: string, address: string): Promise<void> {
    await sqlRows(
      db,
      'SELECT pg_advisory_xact_lock($1, hashtext($2)), pg_advisory_xact_lock($3, hashtext($4))',
      [ACCOUNT_LOCK, email, ADDRESS_LOCK, address],
    );
  }

  /** Forgets the account's and the address's failures older than the window, then counts the rest. */
  async counts(db: SqlRunner, email: string, address: string, windowStart: Date): Promise<ThrottleCounts> {
    await sqlRows(db, 'DELETE FROM login_attempts WHERE (email = $1 OR ip = $2) AND attempted_at <= $3', [
      email,
      address,
      windowStart,
    ]);
    const [counts] = await sqlRows<ThrottleCounts>(
      db,
      `SELECT count(*) FILTER (WHERE email = $1 AND ip = $2)::int AS pair,
              count(*) FILTER (WHERE email = $1)::int AS account,
              count(*) FILTER (WHERE ip = $2)::int AS address
         FROM login_attempts WHERE (email = $1 OR ip = $2) AND attempted_at > $3`,
      [email, address, windowStart],
    );
    return counts;
  }

  async add(db: SqlRunner, email: string, address: string, at: Date): Promise<string> {
    const [row] = await sqlRows<{ id: string }>(
      db,
      'INSERT INTO login_attempts (email, ip, attempted_at) VALUES ($1, $2, $3) RETURNING id',
      [email, address, at],
    );
    return row.id;
  }

  async remove(db: SqlRunner, id: string): Promise<void> {
    await sqlRows(db, 'DELETE FROM login_attempts WHERE id = $1', [id]);
  }
}
