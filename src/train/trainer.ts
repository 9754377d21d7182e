import { tensor1d, type Tensor1D } from '@tensorflow/tfjs-core';
import { checkNumber, nonNegative, type Rule } from '../optimizers/validate';
import type { ScheduleParams } from '../optimizers/schedules';
import { clipByGlobalNorm, clipByValue } from '../optimizers/transforms';
import { activeWrap, lookaheadOption, samGradient, type Wrap } from '../optimizers/wrappers';
import { BatchOrder } from './batches';
import { loadDataset, makeDataset, type Dataset, type DatasetId } from './datasets';
import { ParamRunner, resolveGroups, type GroupSpec } from './groups';
import { accuracy, meanLoss, Mlp, predictedClasses, sigmoid, type Activation, type Batch } from './mlp';
import { createRandom, deriveSeed } from './random';
import { ready } from './tf';

export interface TrainerConfig {
  dataset: DatasetId;
  /** Noise as a fraction of the data's spread, 0 … 0.5 (see datasets.ts). */
  noise: number;
  /** Points in train and test together (default 200). */
  size?: number;
  /** Share held out for testing (default 0.5). */
  testFraction?: number;
  /** Units per hidden layer: 0 to 4 layers of 1 to 64 (default: the dataset's own network). */
  hidden?: readonly number[];
  activation: Activation;
  /** Registry id of the optimizer, e.g. "adam" or "rmsprop:keras". */
  optimizer: string;
  /** Hyperparameters merged over the optimizer's defaults; `lr` is the base rate of a schedule. */
  hyper?: Record<string, number>;
  /** Parameter groups that take tensors by role from the main optimizer (see groups.ts). */
  groups?: GroupSpec[];
  /** false: no weight decay and no L2 penalty on biases. Default true, as in PyTorch. */
  decayBiases?: boolean;
  /** Points per step; rounded down and clamped to 1 … train size (≥ train size: full batch). */
  batchSize: number;
  schedule?: { id: string; params?: ScheduleParams };
  /** Clip each gradient component to ±threshold ('value') or the whole gradient's L2 norm ('norm'). */
  clip?: { kind: 'value' | 'norm'; threshold: number };
  /** Coupled L2 penalty λ: λθ is added to the gradient (after clipping). Not weight decay: AdamW's and Lion's `weightDecay` is decoupled. */
  l2?: number;
  /** One seed fixes the data, the initial weights and the batch order, whatever the optimizer. */
  seed: number;
  /**
   * Wrappers around every group's optimizer (see wrappers.ts): SAM's radius
   * `sam` (ρ, 0 off) and Lookahead's period `lookahead` (k, 0 off) with its
   * slow step `lookaheadAlpha` (α, default 0.5).
   */
  wrap?: Partial<Wrap>;
}

/**
 * How many times worse than a know-nothing model the training loss may get
 * before the run counts as diverged. A know-nothing model scores log 2 in
 * cross-entropy (p = ½ everywhere) and ½ in half-squared error (off by the
 * data's spread, 1, everywhere). The bound matters for cross-entropy with
 * bounded units (tanh, sigmoid): there an absurd learning rate saturates
 * every unit and the loss grows by orders of magnitude without overflowing.
 */
export const DIVERGED_LOSS_RATIO = 1000;

const positive: Rule = { ok: (x) => x > 0, says: 'be > 0' };

/**
 * Trains an MLP on a dataset with optimizers from the registry, one per
 * parameter group (by default one group: every tensor, one optimizer).
 *
 * Everything is a function of the config: two trainers with equal configs
 * produce bit-identical parameters and losses step by step, and trainers that
 * differ only in the optimizer (or its hyperparameters) start from the same
 * weights and see the same batches in the same order.
 *
 * Values are read back from the backend only by `losses()`, `predict()`,
 * `parameters()`, and once at the end of each `train()` (whatever its number of
 * steps) to notice divergence: the parameters and the training loss.
 */
export class Trainer {
  readonly data: Dataset;
  readonly mlp: Mlp;
  /** The batch size in use, after clamping. */
  readonly batchSize: number;
  private readonly runner: ParamRunner;
  /** The wrappers that are on, validated; undefined for a plain run. */
  readonly wrap: Wrap | undefined;
  private readonly fullBatch: Batch | null;
  private diagnosticBatch: Batch | null = null; // the whole training set, built on the first fullGradient()
  private readonly order: BatchOrder;
  private readonly lossLimit: number;
  private steps = 0;
  private blownUp = false;
  private trainLoss = { step: -1, value: NaN }; // the last one computed

  constructor(readonly config: TrainerConfig) {
    if (!Number.isFinite(config.batchSize)) throw new Error(`trainer: batchSize must be a finite number, got ${config.batchSize}`);
    if (config.clip) checkNumber('trainer', config.clip.kind === 'value' ? 'clipValue' : 'clipNorm', config.clip.threshold, positive);
    if (config.l2 !== undefined) checkNumber('trainer', 'l2', config.l2, nonNegative);
    this.wrap = activeWrap('trainer', config.wrap);
    const { dataset, noise, size, testFraction, seed } = config;
    this.data = makeDataset(dataset, { noise, size, testFraction, seed });
    const { inputDim, task, classes, network } = this.data;
    this.mlp = new Mlp({ inputDim, hidden: config.hidden ?? network, activation: config.activation, task, classes: Math.max(2, classes) });
    const groups = resolveGroups(this.mlp.parameters, config);
    this.batchSize = Math.min(Math.max(1, Math.floor(config.batchSize)), this.data.trainSize);
    this.order = new BatchOrder(this.data.trainSize, this.batchSize, deriveSeed(seed, 'batches'));

    const theta = tensor1d(this.mlp.init(createRandom(deriveSeed(seed, 'init'))));
    try {
      const lookahead = lookaheadOption(this.wrap);
      this.runner = new ParamRunner(this.mlp, groups, theta, { schedule: config.schedule, l2: config.l2, lookahead }); // validates; keeps its own copy
    } finally {
      theta.dispose();
    }
    // Full batch: the same arrays every step, built once.
    this.fullBatch = this.batchSize === this.data.trainSize ? this.mlp.batch(this.data.xTrain, this.data.yTrain) : null;
    // A know-nothing model: log k in cross-entropy (every class equally likely), ½ in half-squared error.
    this.lossLimit = DIVERGED_LOSS_RATIO * (task === 'classification' ? Math.log(Math.max(2, classes)) : 0.5);
  }

  /** Optimizer steps taken. */
  get step(): number {
    return this.steps;
  }

  /** Passes over the training set so far: steps / ⌈train size / batch size⌉, fractional mid-epoch. */
  get epoch(): number {
    return this.steps / this.order.batchesPerEpoch;
  }

  /**
   * True once training has blown up: the parameters or the training loss are
   * no longer finite, or the training loss passed DIVERGED_LOSS_RATIO times that
   * of a know-nothing model. Checked at the end of each `train()`; from then on
   * `train()` does nothing.
   */
  get diverged(): boolean {
    return this.blownUp;
  }

  /** Take `steps` optimizer steps (none once diverged). */
  train(steps: number): void {
    if (this.blownUp) return;
    const count = Math.max(0, Math.floor(steps));
    for (let i = 0; i < count; i++) this.runner.step(this.stepGradient());
    this.steps += count;
    // NaN fails every comparison, so `!(x <= bound)` also catches it.
    const finite = this.theta.dataSync().every((x) => Math.abs(x) <= Number.MAX_VALUE);
    this.blownUp = !finite || !(this.currentTrainLoss() <= this.lossLimit);
  }

  /**
   * Mean loss on the whole training and test sets (test: null when there is
   * none), and for classification the share of test points classified right.
   */
  losses(): { train: number; test: number | null; testAccuracy: number | null } {
    const { task, xTest, yTest, testSize } = this.data;
    if (testSize === 0) return { train: this.currentTrainLoss(), test: null, testAccuracy: null };
    const z = this.outputs(xTest);
    const k = this.mlp.outputSize;
    return {
      train: this.currentTrainLoss(),
      test: meanLoss(task, z, yTest, k),
      testAccuracy: task === 'classification' ? accuracy(z, yTest, k) : null,
    };
  }

  /**
   * The model at row-major `points` (inputDim numbers each): probabilities of
   * label 1 for two classes, predictions for regression. For the decision
   * boundary heatmap and the fitted curve.
   */
  predict(points: Float32Array): Float32Array {
    const z = this.outputs(points);
    return this.data.task === 'classification' ? z.map(sigmoid) : z;
  }

  /** The class the model gives each of the row-major `points`. */
  classify(points: Float32Array): Int32Array {
    return predictedClasses(this.outputs(points), points.length / this.data.inputDim, this.mlp.outputSize);
  }

  /** The learning rate the next step will use (the schedule applied to hyper.lr). */
  currentLr(): number {
    return this.runner.lr;
  }

  /** A copy of θ (layout in mlp.ts). */
  parameters(): Float32Array {
    return (this.theta.dataSync() as Float32Array).slice();
  }

  /** The parameter groups in use, resolved: for the diagnostics and the labels. */
  get groups() {
    return this.runner.groups;
  }

  /** The current θ as a tensor, owned by the trainer: valid until the next `train` or `dispose`. */
  get theta(): Tensor1D {
    return this.runner.theta;
  }

  /**
   * ∇θ of the mean loss over the whole training set at `theta` (default: the
   * current θ), before clipping and penalties: what the diagnostics measure
   * (sharpness by finite differences of it). A new tensor: dispose it.
   */
  fullGradient(theta: Tensor1D = this.theta): Tensor1D {
    this.diagnosticBatch ??= this.fullBatch ?? this.mlp.batch(this.data.xTrain, this.data.yTrain);
    return this.mlp.gradient(theta, this.diagnosticBatch);
  }

  /**
   * The step the optimizer would take next for gradient `g`, Δθ = θ' − θ,
   * computed from its current state and thrown away: nothing changes. A new
   * tensor: dispose it.
   */
  probeStep(g: Tensor1D): Tensor1D {
    return this.runner.probe(g);
  }

  /** Free every tensor; the trainer must not be used afterwards. */
  dispose(): void {
    this.runner.dispose();
  }

  /** The training loss at the current step, computed at most once per step. */
  private currentTrainLoss(): number {
    if (this.trainLoss.step !== this.steps) {
      const { task, xTrain, yTrain } = this.data;
      this.trainLoss = { step: this.steps, value: meanLoss(task, this.outputs(xTrain), yTrain, this.mlp.outputSize) };
    }
    return this.trainLoss.value;
  }

  /** Raw outputs where the model is evaluated: θ, or the averaged point of a schedule-free rule. */
  private outputs(points: Float32Array): Float32Array {
    if (!this.runner.averages) return this.mlp.outputs(this.theta, points);
    const at = this.runner.evalTheta();
    try {
      return this.mlp.outputs(at, points);
    } finally {
      at.dispose();
    }
  }

  /**
   * The gradient of one step, θ ↦ clipped ∇L: on the next batch, drawn once
   * (inside the runner's tidy, which frees it) so that SAM's two gradients see
   * the same points; with SAM, ∇L at θ + ρ·g/‖g‖. Clipping acts on the
   * gradient the optimizer receives (SAM's), as clip_grad_norm_ does when
   * called just before optimizer.step(); ε comes from the raw gradient.
   */
  private stepGradient(): (theta: Tensor1D) => Tensor1D {
    let batch: Batch | undefined;
    const at = ([theta]: Tensor1D[]) => [this.mlp.gradient(theta, (batch ??= this.nextBatch()))];
    const gradient = samGradient(at, this.wrap?.sam ?? 0);
    return (theta) => this.clipped(gradient([theta])[0]);
  }

  /** The gradient transforms the config asks for, in PyTorch's order (the L2 penalty is the runner's, after them). */
  private clipped(g: Tensor1D): Tensor1D {
    const clip = this.config.clip;
    if (!clip) return g;
    return (clip.kind === 'value' ? clipByValue([g], clip.threshold) : clipByGlobalNorm([g], clip.threshold))[0] as Tensor1D;
  }



  /** The next batch. */
  private nextBatch(): Batch {
    return this.fullBatch ?? this.mlp.batch(this.data.xTrain, this.data.yTrain, this.order.next());
  }
}

/** Load TensorFlow.js's CPU backend and the dataset if need be, then build a trainer. */
export async function createTrainer(config: TrainerConfig): Promise<Trainer> {
  await Promise.all([ready(), loadDataset(config.dataset)]);
  return new Trainer(config);
}
