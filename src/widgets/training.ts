import { schedules, scheduleDefaults } from '../optimizers/schedules';
import { createTrainer, type Trainer, type TrainerConfig } from '../train/trainer';
import { startingLr, type DatasetId } from '../train/datasets';
import type { Activation } from '../train/mlp';
import { nextTask } from './lazy';
import type { Session } from './playback';
import { chosen, networkOf, scheduleParamFields, type trainerSchema } from './specs';
import type { Run, Values } from './schema';
import type { Standing } from './views';

type NetworkSettings = Omit<Values<typeof trainerSchema>, 'optimizer'>;

/** A trainer's config from widget settings, for one optimizer with its hyperparameters. */
export function trainerConfig(s: NetworkSettings, optimizer: string, hyper: Record<string, number>): TrainerConfig {
  const schedule = schedules[s.schedule];
  const params = { ...scheduleDefaults(schedule), ...chosen(s, Object.keys(schedule.params).filter((n) => n in scheduleParamFields)) };
  const dataset = s.dataset as DatasetId;
  const { hidden, batch } = networkOf(s);
  const lr = startingLr(dataset, optimizer, NaN);
  return {
    dataset,
    noise: s.noise,
    hidden,
    activation: s.activation as Activation,
    optimizer,
    hyper: Number.isNaN(lr) ? hyper : { lr, ...hyper },
    batchSize: batch,
    schedule: s.schedule === 'constant' ? undefined : { id: s.schedule, params },
    clip: s.clip === 'none' ? undefined : { kind: s.clip as 'value' | 'norm', threshold: s.threshold },
    l2: s.l2 || undefined,
    seed: s.seed,
  };
}

/** Loss history, thinned to at most `max` points by dropping every other one when full. */
export class LossHistory {
  rows: { step: number; train: number; test: number | null; accuracy: number | null }[] = [];
  private every = 1;
  constructor(private max = 400) {}
  add(step: number, train: number, test: number | null, accuracy: number | null = null): void {
    if (step % this.every !== 0 && step !== 0) return;
    this.rows.push({ step, train, test, accuracy });
    if (this.rows.length > this.max) {
      this.rows = this.rows.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }
}

/**
 * Networks that train side by side in lock-step, one per optimizer run, from
 * the same data, initial weights and batches (one seed fixes them all): the
 * trainer's session is a race of one with no end.
 */
export class TrainingSession implements Session {
  step = 0;
  readonly histories: LossHistory[];

  /** `trainers[i]` is undefined where run i could not be built, and `errors[i]` says why. */
  constructor(readonly trainers: (Trainer | undefined)[], readonly errors: (string | undefined)[], readonly end = Infinity) {
    this.histories = trainers.map(() => new LossHistory());
    this.#record(this.trainers);
  }

  get canStep(): boolean {
    return this.step < this.end && this.#live().length > 0;
  }

  advance(n: number): void {
    const count = Math.min(n, this.end - this.step);
    const live = this.#live();
    if (count <= 0 || !live.length) return;
    for (const t of live) t.train(count);
    this.step += count;
    this.#record(live);
  }

  /** Where each run stands after its last recorded step. */
  standings(): Standing[] {
    return this.trainers.map((t, i) => {
      const last = this.histories[i].rows.at(-1);
      return { train: last?.train ?? NaN, test: last?.test ?? null, accuracy: last?.accuracy ?? null, diverged: !!t?.diverged, error: this.errors[i] };
    });
  }

  dispose(): void {
    this.trainers.forEach((t) => t?.dispose());
  }

  #live = () => this.trainers.filter((t): t is Trainer => !!t && !t.diverged);

  #record(trainers: (Trainer | undefined)[]) {
    this.trainers.forEach((t, i) => {
      if (!t || !trainers.includes(t)) return;
      const { train, test, testAccuracy } = t.losses();
      this.histories[i].add(this.step, train, test, testAccuracy);
    });
  }
}

/**
 * Builds a session for `runs` on the network `s`, one run per task (all at once is a
 * long task that holds up the page); undefined, with everything disposed, once stale.
 */
export async function buildSession(s: NetworkSettings, runs: Run[], stale: () => boolean, end = Infinity): Promise<TrainingSession | undefined> {
  const trainers: (Trainer | undefined)[] = [];
  const errors: (string | undefined)[] = [];
  for (const [i, r] of runs.entries()) {
    if (i > 0) await nextTask();
    trainers[i] = await createTrainer(trainerConfig(s, r.optimizer, r.hyper)).catch((e: Error) => {
      errors[i] = e.message;
      return undefined;
    });
    if (stale()) {
      trainers.forEach((t) => t?.dispose());
      return undefined;
    }
  }
  return new TrainingSession(trainers, errors, end);
}
