import type { DemoContext, DemoStep } from './demo/demo-context';
import { demoFinanceStep } from './demo/demo-finance.step';
import { demoHistoryStep } from './demo/demo-history.step';
import { demoInterestStep } from './demo/demo-interest.step';
import { demoProgrammeWorkStep } from './demo/demo-programme-work.step';
import { demoProposalsStep } from './demo/demo-proposals.step';
import { demoResultsStep } from './demo/demo-results.step';
import { demoReviewStep } from './demo/demo-review.step';
import { demoUsersStep } from './demo/demo-users.step';

/** The demo data, in order; later steps build on earlier ones. Each step is idempotent. */
export const DEMO_STEPS: DemoStep[] = [
  demoUsersStep,
  demoProposalsStep,
  demoFinanceStep,
  demoInterestStep,
  demoReviewStep,
  demoResultsStep,
  demoProgrammeWorkStep,
  demoHistoryStep,
];

export async function seedDemo(context: DemoContext): Promise<void> {
  for (const [index, step] of DEMO_STEPS.entries()) {
    const label = `[${index + 1}/${DEMO_STEPS.length}] ${step.name}`;
    if (await step.alreadyDone(context)) {
      context.progress(`${label}: already there`);
      continue;
    }
    context.progress(`${label}: seeding`);
    await step.run(context);
  }
}
