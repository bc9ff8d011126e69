// Drops this run's template and any clone a crashed file left behind.
const { Client } = require('pg');

module.exports = async function globalTeardown() {
  const template = process.env.MPTF_TEST_TEMPLATE;
  if (!template) return;
  const base = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = '/postgres';
  const client = new Client({ connectionString: base.toString() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2', [
      template,
      `${template.replace('mptf_tpl_', 'mptf_t_')}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
};
