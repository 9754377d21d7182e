/**
 * How many steps fit in a time budget: steps are timed as they run and the
 * count follows the measured cost, so a slow machine does fewer per frame
 * instead of dropping frames.
 */
export class StepBudget {
  private msPerStep = 1;
  steps(budgetMs: number): number {
    return Math.max(1, Math.floor(budgetMs / this.msPerStep));
  }
  record(steps: number, ms: number): void {
    if (steps > 0) this.msPerStep = 0.7 * this.msPerStep + 0.3 * Math.max(ms / steps, 0.01);
  }
}
