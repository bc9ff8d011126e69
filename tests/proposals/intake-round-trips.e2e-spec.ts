import { Client } from 'pg';
import { createTestContext, TestContext } from '../support/test-context';
import { api } from './intake-helpers';
import { eligibleProposal, IOM } from './proposal-fixtures';

/**
 * Create + submit is the intake path the bench loads (16 in flight): each statement is a round
 * trip to PostgreSQL, and on a busy host each one waits for a core on both sides. This counts what
 * one create and one submit send, so a change that adds a statement shows here, not only in a
 * noisy benchmark (`bench/README.md`, intake).
 */
describe('intake round trips to PostgreSQL', () => {
  let t: TestContext;
  let sent: string[] = [];
  const original = Client.prototype.query;

  beforeAll(async () => {
    t = await createTestContext();
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const [text] = args;
      sent.push(
        (typeof text === 'string' ? text : String((text as { text?: string })?.text ?? '?'))
          .replace(/\s+/g, ' ')
          .trim(),
      );
      return (original as (...forwarded: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await t.close();
  });

  const counted = async <T>(work: () => Promise<T>): Promise<{ value: T; statements: string[] }> => {
    sent = [];
    const value = await work();
    const statements = sent;
    sent = [];
    return { value, statements };
  };

  it('creates a proposal in 3 round trips and submits it in 8', async () => {
    const auth = await t.as(IOM);
    const created = await counted(() => t.http.post(api('/proposals')).set(auth).send(eligibleProposal()));
    expect(created.value.status).toBe(201);
    const submitted = await counted(() =>
      t.http.post(api(`/proposals/${created.value.body.id as string}/submit`)).set(auth),
    );
    expect(submitted.value.status).toBe(200);
    // The user behind the token (fresh on every request: a role change applies at once), the
    // codes with the fund's rate, then the proposal with its parts, its timeline entry and its
    // audit event in one statement (atomic on its own: no START TRANSACTION, no COMMIT).
    expect(created.statements).toHaveLength(3);
    expect(created.statements.filter((text) => /FROM fund_settings/.test(text))).toEqual([]);
    expect(created.statements[2]).toMatch(/INSERT INTO proposals .*INSERT INTO audit_events/);
    // The user; the record read as it is locked; after the lock, one statement for the fund's
    // settings, the documents (the snapshot and the required-documents rule) and the area's
    // objectives and UN entities; the status change with its timeline entry, audit event and the
    // new revision; the FMU recipients with their preferences; their notifications with their
    // mail; COMMIT.
    expect(submitted.statements.filter((text) => !/^(START TRANSACTION|COMMIT)/.test(text))).toHaveLength(6);
    expect(submitted.statements).toHaveLength(8);
    expect(submitted.statements.filter((text) => /INSERT INTO audit_events/.test(text))).toHaveLength(1);
    const change = submitted.statements.find((text) => /INSERT INTO audit_events/.test(text));
    expect(change).toMatch(/^WITH changed AS/);
    expect(change).toMatch(/INSERT INTO proposal_revisions/);
    expect(submitted.statements.filter((text) => /FROM fund_settings/.test(text))).toHaveLength(1);
    expect(submitted.statements.find((text) => /FROM fund_settings/.test(text))).toMatch(
      /FROM proposal_documents/,
    );
  });
});
