import { participationViolations, ParticipationRule } from './participation-rules';

const iomDraft = { convenerCode: 'IOM', participatingOrgCodes: ['IOM', 'UNICEF', 'UNDP'] };
const rulesOf = (problems: { field?: string; rule?: string }[]) =>
  problems.map((p) => `${p.field}:${p.rule}`);

describe('participationViolations', () => {
  it('refuses a PUNO taking the convener role and dropping the convener', () => {
    const problems = participationViolations('UNDP', iomDraft, {
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'UNICEF'],
    });
    expect(rulesOf(problems)).toEqual([
      `convenerCode:${ParticipationRule.CONVENER_ONLY}`,
      `participatingOrgCodes:${ParticipationRule.CONVENER_ONLY}`,
    ]);
    expect(problems[1].removed).toEqual(['IOM']);
  });

  it('lets a PUNO add or reorder PUNOs, and the convener remove them or hand over', () => {
    expect(
      participationViolations('UNDP', iomDraft, {
        convenerCode: 'IOM',
        participatingOrgCodes: ['UNDP', 'ILO', 'IOM', 'UNICEF'],
      }),
    ).toEqual([]);
    expect(
      participationViolations('IOM', iomDraft, {
        convenerCode: 'UNICEF',
        participatingOrgCodes: ['IOM', 'UNICEF'],
      }),
    ).toEqual([]);
  });

  it('refuses any edit or creation that leaves the editor out, the convener included', () => {
    expect(
      rulesOf(
        participationViolations('IOM', iomDraft, {
          convenerCode: 'UNICEF',
          participatingOrgCodes: ['UNICEF'],
        }),
      ),
    ).toEqual([`participatingOrgCodes:${ParticipationRule.KEEP_OWN_ACCESS}`]);
    expect(rulesOf(participationViolations('UNDP', null, iomDraft))).toEqual([]);
    expect(
      rulesOf(participationViolations('WHO', null, { convenerCode: 'IOM', participatingOrgCodes: ['IOM'] })),
    ).toEqual([`participatingOrgCodes:${ParticipationRule.KEEP_OWN_ACCESS}`]);
    expect(rulesOf(participationViolations(null, null, iomDraft))).toEqual([
      `participatingOrgCodes:${ParticipationRule.KEEP_OWN_ACCESS}`,
    ]);
  });
});
