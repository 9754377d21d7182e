import { createTrainer, type Trainer, type TrainerConfig } from './trainer';
import { modelSnapshot, type ModelSnapshot } from './model-snapshot';

/** Where one run stands: what a page shows of it. Plain numbers. */
export interface RunState {
  step: number;
  epoch: number;
  diverged: boolean;
  /** Why the run could not be built (its settings were refused), else undefined. */
  error?: string;
  train: number;
  test: number | null;
  accuracy: number | null;
  /** The learning rate of the next step. */
  lr: number;
}

/**
 * Networks that train side by side in lock-step, one per optimizer run, from
 * the same data, initial weights and batches (one seed fixes them all): a
 * trainer widget is a race of one with no end. Engine side: it runs where
 * TensorFlow.js runs (a Worker, see engine-host.ts) and reports plain numbers.
 */
export class Runs {
  step = 0;

  /** `trainers[i]` is undefined where run i could not be built, and `errors[i]` says why. */
  constructor(readonly trainers: (Trainer | undefined)[], readonly errors: (string | undefined)[], readonly end = Infinity) {}

  get canStep(): boolean {
    return this.step < this.end && this.live().length > 0;
  }

  /** Takes `n` more steps (fewer if the end comes first). Runs that diverged stay where they stopped. */
  advance(n: number): void {
    const count = Math.min(Math.floor(n), this.end - this.step);
    const live = this.live();
    if (count <= 0 || !live.length) return;
    for (const t of live) t.train(count);
    this.step += count;
  }

  states(): RunState[] {
    return this.trainers.map((t, i) => {
      if (!t) return { step: 0, epoch: 0, diverged: false, error: this.errors[i], train: NaN, test: null, accuracy: null, lr: NaN };
      const { train, test, testAccuracy } = t.losses();
      return { step: t.step, epoch: t.epoch, diverged: t.diverged, train, test, accuracy: testAccuracy, lr: t.currentLr() };
    });
  }

  /** What run `i`'s network does with its data now (null where it could not be built). */
  model(i: number): ModelSnapshot | null {
    const t = this.trainers[i];
    return t ? modelSnapshot(t) : null;
  }

  dispose(): void {
    this.trainers.forEach((t) => t?.dispose());
  }

  private live(): Trainer[] {
    return this.trainers.filter((t): t is Trainer => !!t && !t.diverged);
  }
}

/** Resolves in a later task, letting other work (and messages) in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Builds runs from configs, one per task (all at once is a long task);
 * undefined, with everything disposed, once `stale()` turns true.
 */
export async function buildRuns(configs: TrainerConfig[], end = Infinity, stale: () => boolean = () => false): Promise<Runs | undefined> {
  const trainers: (Trainer | undefined)[] = [];
  const errors: (string | undefined)[] = [];
  for (const [i, config] of configs.entries()) {
    if (i > 0) await nextTask();
    trainers[i] = await createTrainer(config).catch((e: Error) => {
      errors[i] = e.message;
      return undefined;
    });
    if (stale()) {
      trainers.forEach((t) => t?.dispose());
      return undefined;
    }
  }
  return new Runs(trainers, errors, end);
}
