import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ENTITY_RULES } from '../../apps/api/src/audit/audit-access';
import { eligibleProposal } from '../proposals/proposal-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const API = '/api/v1';
const FMU = 'fmu@mptf.test';
const ADMIN = 'admin@mptf.test';
const IOM = 'iom.focal@mptf.test';

interface AuditBody {
  items: { entityType: string; entityId: string; action: string; after: unknown; subject: unknown }[];
  total: number;
}

/**
 * The audit trail shows an event only to those who may see its entity (issue 15, item 10): a
 * draft's events stay with its agencies as the draft does, users' events with user managers, and
 * an entity type without a visibility rule with nobody (deny by default).
 */
describe('audit trail: the entity’s own visibility', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const audit = async (email: string, query: string): Promise<AuditBody> => {
    const response = await t.http.get(`${API}/audit?pageSize=200&${query}`).set(await t.as(email));
    expect(response.status).toBe(200);
    return response.body as AuditBody;
  };

  it("hides a draft's events from the FMU and admins, by id, by type and unfiltered, until it is submitted", async () => {
    const created = await t.http
      .post(`${API}/proposals`)
      .set(await t.as(IOM))
      .send(eligibleProposal({ title: 'A confidential draft on return and reintegration' }));
    const id = created.body.id as string;
    expect((await t.http.get(`${API}/proposals/${id}`).set(await t.as(FMU))).status).toBe(403);
    for (const email of [FMU, ADMIN]) {
      expect(await audit(email, `entityId=${id}`)).toMatchObject({ items: [], total: 0 });
      expect((await audit(email, 'entityType=proposal')).items.some((e) => e.entityId === id)).toBe(false);
      expect(JSON.stringify((await audit(email, '')).items)).not.toContain('confidential draft');
    }

    await t.http
      .post(`${API}/proposals/${id}/submit`)
      .set(await t.as(IOM))
      .expect(200);
    const submitted = await audit(FMU, `entityId=${id}`);
    expect(submitted.items.map((e) => e.action)).toEqual(['proposal.submit', 'proposal.create']);
    // Each event names the proposal it is about, for people (issue 18): reference and title.
    const { reference } = (await t.http.get(`${API}/proposals/${id}`).set(await t.as(FMU))).body;
    for (const event of submitted.items)
      expect(event.subject).toEqual({
        proposalId: id,
        reference,
        title: 'A confidential draft on return and reintegration',
        programme: false,
      });
  });

  it("shows users' events only to those who manage users", async () => {
    const created = await t.http
      .post(`${API}/users`)
      .set(await t.as(ADMIN))
      .send({
        email: 'audit.visibility@iom.int',
        name: 'Audit Visibility',
        password: 'a-long-password',
        roles: ['AGENCY_FOCAL_POINT'],
        organizationCode: 'IOM',
      });
    expect(created.status).toBe(201);
    expect((await audit(ADMIN, `entityType=user&entityId=${created.body.id}`)).total).toBe(1);
    expect((await audit(FMU, `entityType=user&entityId=${created.body.id}`)).total).toBe(0);
    expect((await audit(FMU, 'entityType=user')).total).toBe(0);
  });

  it('shows nobody the events of an entity type that has no visibility rule', async () => {
    await t.db.query(
      `INSERT INTO audit_events (actor_id, actor_email, action, entity_type, entity_id, after)
       VALUES (NULL, NULL, 'mystery.create', 'mystery', 'm-1', '{"secret": true}')`,
    );
    for (const email of [FMU, ADMIN]) {
      expect((await audit(email, 'entityType=mystery')).total).toBe(0);
      expect((await audit(email, 'entityId=m-1')).total).toBe(0);
    }
  });
});

describe('audit trail: every entity type the application writes has a visibility rule', () => {
  it('finds each `entityType` written under libs/ in AUDIT_ENTITY_RULES', () => {
    const written = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
          for (const match of readFileSync(path, 'utf8').matchAll(/entityType: '([^']+)'/g))
            written.add(match[1]);
      }
    };
    walk(join(__dirname, '../../libs'));
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((type) => !(type in AUDIT_ENTITY_RULES))).toEqual([]);
  });
});
