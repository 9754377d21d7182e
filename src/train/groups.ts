import { keep, sub, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { optimizers, type Optimizer } from '../optimizers';
import { Runner } from '../optimizers/runner';
import type { ScheduleParams } from '../optimizers/schedules';
import type { Mlp, Parameter, Role } from './mlp';

/**
 * Parameter groups, as in torch.optim: each named tensor of a network belongs
 * to exactly one group, and each group has its own optimizer, hyperparameters
 * and per-tensor state. Groups are chosen by role (hidden weight matrices,
 * the output weight matrix, biases).
 */
export interface GroupSpec {
  roles: Role[];
  /** Registry id. */
  optimizer: string;
  hyper?: Record<string, number>;
}

/** A group resolved against a network: which tensors (indices into `mlp.parameters`) and how. */
export interface Group {
  optimizer: Optimizer<any, any>;
  hyper: Record<string, number>;
  tensors: number[];
  /** The coupled L2 penalty does not apply (biases when they are not decayed). */
  noL2?: boolean;
  /** The reader's optimizer (not an explicit group, nor a matrix rule's companion): its learning rate is the one shown. */
  main?: boolean;
}

/** What the runner of a rule defined per weight matrix hands the other tensors to, as torch.optim.Muon's documentation prescribes. */
export const MATRIX_COMPANION = 'adamw';

export interface GroupOptions {
  /** The main optimizer and its hyperparameters: every tensor no other group claims. */
  optimizer: string;
  hyper?: Record<string, number>;
  /** Groups that claim tensors by role before the main optimizer gets the rest. */
  groups?: GroupSpec[];
  /** false: biases are not decayed (weight decay 0 and no coupled L2 penalty). Default true, as in PyTorch. */
  decayBiases?: boolean;
}

/**
 * Resolve groups for `parameters`: explicit groups first (a role claimed
 * twice is an error), then the main optimizer. A main optimizer that takes
 * only matrices (Muon) gets the hidden weight matrices and leaves the output
 * matrix and the biases to an AdamW companion with its defaults. Without
 * bias decay, biases split off into a group of their own with weightDecay 0.
 * Groups that end up with no tensor are dropped.
 */
export function resolveGroups(parameters: readonly Parameter[], options: GroupOptions): Group[] {
  const lookup = (id: string) => {
    const opt = optimizers[id];
    if (!opt) throw new Error(`trainer: unknown optimizer '${id}' (expected: ${Object.keys(optimizers).join(', ')})`);
    return opt;
  };
  const main = lookup(options.optimizer);
  const specs: (GroupSpec & { main?: boolean })[] = [...(options.groups ?? [])];
  const claimed = new Set<Role>();
  for (const g of specs) {
    lookup(g.optimizer);
    for (const r of g.roles) {
      if (claimed.has(r)) throw new Error(`trainer: the role '${r}' is in two parameter groups`);
      claimed.add(r);
    }
  }
  const rest = (['hidden', 'output', 'bias'] as Role[]).filter((r) => !claimed.has(r));
  if (main.scope === 'matrix') {
    specs.push({ roles: rest.filter((r) => r === 'hidden'), optimizer: main.id, hyper: options.hyper, main: true });
    const others = rest.filter((r) => r !== 'hidden');
    if (others.length) specs.push({ roles: others, optimizer: MATRIX_COMPANION });
  } else {
    specs.push({ roles: rest, optimizer: main.id, hyper: options.hyper, main: true });
  }

  const groups: Group[] = [];
  for (const spec of specs) {
    const optimizer = lookup(spec.optimizer);
    const hyper = { ...spec.hyper };
    const { main } = spec;
    const tensors = parameters.flatMap((p, k) => (spec.roles.includes(p.role) ? [k] : []));
    const biases = tensors.filter((k) => parameters[k].role === 'bias');
    if (options.decayBiases === false && biases.length) {
      const others = tensors.filter((k) => parameters[k].role !== 'bias');
      if (others.length) groups.push({ optimizer, hyper, tensors: others, main });
      groups.push({ optimizer, hyper: 'weightDecay' in optimizer.defaults ? { ...hyper, weightDecay: 0 } : hyper, tensors: biases, noL2: true, main });
    } else if (tensors.length) {
      groups.push({ optimizer, hyper, tensors, main });
    }
  }
  return groups;
}

export interface ParamRunnerOptions {
  schedule?: { id: string; params?: ScheduleParams };
  /** Coupled L2 penalty λ (see Runner). */
  l2?: number;
  /** Lookahead over every group (see Runner): its step is element-wise, so per tensor is the same as over θ. */
  lookahead?: { k: number; alpha: number } | null;
}

/**
 * Steps a network's flat parameter vector θ with its parameter groups.
 *
 * One group of an element-wise rule (the usual case) runs as one Runner over
 * θ itself: a rule that treats each coordinate alone gives the same numbers
 * on the concatenation as per tensor, in a fraction of the kernels. Otherwise
 * each group has a Runner over its named tensors (`Mlp.split`), and θ is
 * joined back after every step. Either way the optimizer's own `update` runs,
 * unchanged.
 */
export class ParamRunner {
  private readonly runners: Runner[];
  private flat: Tensor1D | null = null; // θ, when the runners hold split tensors

  constructor(readonly mlp: Mlp, readonly groups: Group[], theta: Tensor1D, options: ParamRunnerOptions) {
    const runnerOptions = (g: Group) => ({ hyper: g.hyper, schedule: options.schedule, l2: g.noL2 ? undefined : options.l2, lookahead: options.lookahead });
    this.runners = [];
    try {
      if (this.fused) {
        this.runners.push(new Runner(groups[0].optimizer, [theta], runnerOptions(groups[0])));
      } else {
        const parts = tidy(() => mlp.split(theta));
        try {
          for (const g of groups) this.runners.push(new Runner(g.optimizer, g.tensors.map((k) => parts[k]), runnerOptions(g)));
        } finally {
          parts.forEach((x) => x.dispose());
        }
        this.flat = keep(this.join());
      }
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** One Runner over θ itself: a single group whose rule is element-wise. */
  get fused(): boolean {
    return this.groups.length === 1 && (this.groups[0].optimizer.scope ?? 'elementwise') === 'elementwise';
  }

  /** The current θ, owned by the runner. */
  get theta(): Tensor1D {
    return this.flat ?? (this.runners[0].params[0] as Tensor1D);
  }

  /** The learning rate of the reader's optimizer's next step (of the first group, if it has no tensor here). */
  get lr(): number {
    return this.runners[Math.max(0, this.groups.findIndex((g) => g.main))].lr;
  }

  /** Updates applied so far. */
  get t(): number {
    return this.runners[0].t;
  }

  /**
   * One step of every group. `gradient` maps θ to the flat gradient ∇θ; it is
   * called inside a tidy, so whatever it allocates is freed.
   */
  step(gradient: (theta: Tensor1D) => Tensor1D): void {
    if (this.fused) {
      this.runners[0].step(([theta]) => [gradient(theta as Tensor1D)]);
      return;
    }
    const parts = tidy(() => this.mlp.split(gradient(this.theta)).map((x) => x.clone()));
    try {
      this.groups.forEach((g, i) => this.runners[i].step(g.tensors.map((k) => parts[k])));
    } finally {
      parts.forEach((x) => x.dispose());
    }
    const old = this.flat;
    this.flat = keep(this.join());
    old?.dispose();
  }

  /**
   * The step each coordinate would take next for the flat gradient `g`,
   * Δθ = θ' − θ, without taking it: `update` is pure, so it runs on the
   * current state and its result is dropped. For the diagnostics.
   */
  probe(g: Tensor1D): Tensor1D {
    return tidy(() => {
      if (this.fused) {
        const r = this.runners[0];
        const [next] = r.optimizer.update(this.theta, g, r.state[0], { ...r.hyper, lr: r.lr }, r.t + 1);
        return sub(next, this.theta);
      }
      const gs = this.mlp.split(g);
      const next: Tensor[] = this.mlp.split(this.theta);
      this.groups.forEach((group, i) => {
        const r = this.runners[i];
        group.tensors.forEach((k, j) => {
          next[k] = r.optimizer.update(r.params[j], gs[k], r.state[j], { ...r.hyper, lr: r.lr }, r.t + 1)[0];
        });
      });
      return sub(this.mlp.join(next), this.theta);
    });
  }

  /**
   * Where the model is evaluated: θ itself, or for rules that keep an
   * averaged point (schedule-free) that point. A new tensor: dispose it.
   */
  evalTheta(): Tensor1D {
    return tidy(() => {
      const at = (i: number, j: number) => {
        const r = this.runners[i];
        const p = r.params[j];
        return r.optimizer.evalPoint ? r.optimizer.evalPoint(p, r.state[j], r.hyper) : p;
      };
      if (this.fused) return at(0, 0).clone() as Tensor1D;
      const tensors: Tensor[] = [];
      this.groups.forEach((g, i) => g.tensors.forEach((k, j) => (tensors[k] = at(i, j))));
      return this.mlp.join(tensors);
    });
  }

  /** True when some group's rule evaluates somewhere other than θ. */
  get averages(): boolean {
    return this.groups.some((g) => !!g.optimizer.evalPoint);
  }

  dispose(): void {
    this.runners.forEach((r) => r.dispose());
    this.flat?.dispose();
    this.flat = null;
  }

  /** θ from the runners' tensors. */
  private join(): Tensor1D {
    const tensors: Tensor[] = [];
    this.groups.forEach((g, i) => g.tensors.forEach((k, j) => (tensors[k] = this.runners[i].params[j])));
    return this.mlp.join(tensors);
  }
}
