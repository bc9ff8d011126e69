import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '@mptf/common';
import { ClosureKind, CONTRIBUTION_KINDS, FUND_ENTRY_KINDS, LedgerKind } from '@mptf/finance';
import { RevisionStatus } from '@mptf/programmes';
import { ProposalAction } from '@mptf/proposals';
import { ActualAction } from '@mptf/results';

const ROOT = join(__dirname, '../..');

/** The application's sources (no specs), path and text. */
function sources(): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
        found.push({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const folder of ['libs', 'apps/api/src', 'apps/worker/src']) walk(join(ROOT, folder));
  return found;
}

const lower = (values: readonly string[]) => values.map((value) => value.toLowerCase());

/**
 * The event types a template writes, from the values its variable takes. A template not listed
 * here fails the test: whoever adds one says which event types it writes, and labels them.
 */
const TEMPLATES: Record<string, string[]> = {
  'proposal.${input.action}': Object.values(ProposalAction).map((a) => `proposal.${a}`),
  'contribution.${input.kind.toLowerCase()}': lower(CONTRIBUTION_KINDS).map((k) => `contribution.${k}`),
  'fund.${input.kind.toLowerCase()}': lower(FUND_ENTRY_KINDS).map((k) => `fund.${k}`),
  'programme.${kind.toLowerCase()}-reverse': lower([LedgerKind.TRANSFER, LedgerKind.REFUND]).map(
    (k) => `programme.${k}-reverse`,
  ),
  'programme.close-${kind.toLowerCase()}': lower(Object.values(ClosureKind)).map(
    (k) => `programme.close-${k}`,
  ),
  'progress-report.${outcome.toLowerCase()}': ['progress-report.accept', 'progress-report.return'],
  'revision.${status.toLowerCase()}': lower([RevisionStatus.APPROVED, RevisionStatus.REJECTED]).map(
    (s) => `revision.${s}`,
  ),
  'actual.${action}': [ActualAction.APPROVE, ActualAction.RETURN].map((a) => `actual.${a}`),
};

/**
 * Every audit event type the server writes has a plain label (issue 18: the trail read "Proposal
 * decide pipeline"). The types are read from the sources: `action: '…'` literals, event types
 * handed to a helper that records them, and the templates above.
 */
describe('audit trail: every event type the server writes has a label', () => {
  const files = sources();
  const literals = new Map<string, string>();
  const templates = new Map<string, string>();
  for (const { path, text } of files) {
    for (const match of text.matchAll(/action:\s*'([^']+)'/g)) literals.set(match[1], path);
    // A helper's argument: recordStatus(manager, user, 'actual.submit', …).
    for (const match of text.matchAll(/this\.recordStatus\([^;]*?['`]([a-z_-]+\.[^'`]+)['`]/g))
      (match[0].includes('`') ? templates : literals).set(match[1], path);
    for (const match of text.matchAll(/action:\s*`([^`]+)`/g)) templates.set(match[1], path);
  }

  it('finds the event types it knows to look for', () => {
    expect(literals.size).toBeGreaterThan(30);
    expect(literals.get('actual.submit')).toBe('libs/results/src/actuals.service.ts');
    expect([...templates.keys()].sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('labels each of them in AUDIT_ACTION_LABELS', () => {
    const written = [...literals.keys(), ...Object.values(TEMPLATES).flat()].filter(
      // Not event types: the access rules' own `action:` words.
      (action) => action.includes('.'),
    );
    const unlabelled = written.filter((action) => !(action in AUDIT_ACTION_LABELS));
    expect(unlabelled).toEqual([]);
  });

  it('labels no event type the server no longer writes', () => {
    const written = new Set([...literals.keys(), ...Object.values(TEMPLATES).flat()]);
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((action) => !written.has(action))).toEqual([]);
  });

  it('reads a decision in words, and an unknown type as words rather than a code', () => {
    expect(auditActionLabel('proposal.decide-pipeline')).toBe('Decision: pipelined');
    expect(auditActionLabel('mystery.thing-done')).toBe('Mystery thing done');
  });
});
