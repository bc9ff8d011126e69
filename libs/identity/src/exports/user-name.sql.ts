/**
 * The name of the user whose id is the SQL expression `idSql`, as an SQL expression (NULL when there
 * is no such user), for readers that name people in their own statements (the audit trail).
 */
export function userNameSql(idSql: string): string {
  return `(SELECT u.name FROM identity_users_v u WHERE u.id = ${idSql})`;
}
