import { schedules, scheduleDefaults } from '../optimizers/schedules';
import type { TrainerConfig } from '../train/trainer';
import type { DatasetId } from '../train/datasets';
import type { Activation } from '../train/mlp';
import { chosen, scheduleParamFields, type trainerSchema } from './specs';
import type { Values } from './schema';

type NetworkSettings = Omit<Values<typeof trainerSchema>, 'optimizer'>;

/** A trainer's config from widget settings, for one optimizer with its hyperparameters. */
export function trainerConfig(s: NetworkSettings, optimizer: string, hyper: Record<string, number>): TrainerConfig {
  const schedule = schedules[s.schedule];
  const params = { ...scheduleDefaults(schedule), ...chosen(s, Object.keys(schedule.params).filter((n) => n in scheduleParamFields)) };
  return {
    dataset: s.dataset as DatasetId,
    noise: s.noise,
    hidden: s.hidden,
    activation: s.activation as Activation,
    optimizer,
    hyper,
    batchSize: s.batch,
    schedule: s.schedule === 'constant' ? undefined : { id: s.schedule, params },
    clip: s.clip === 'none' ? undefined : { kind: s.clip as 'value' | 'norm', threshold: s.threshold },
    weightDecay: s.l2 || undefined,
    seed: s.seed,
  };
}

/**
 * How many steps fit in a frame's budget: steps are timed as they run and the
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

/** Loss history, thinned to at most `max` points by dropping every other one when full. */
export class LossHistory {
  rows: { step: number; train: number; test: number | null }[] = [];
  private every = 1;
  constructor(private max = 400) {}
  add(step: number, train: number, test: number | null): void {
    if (step % this.every !== 0 && step !== 0) return;
    this.rows.push({ step, train, test });
    if (this.rows.length > this.max) {
      this.rows = this.rows.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }
}
