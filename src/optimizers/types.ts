import type { Tensor } from '@tensorflow/tfjs-core';

/** How a hyperparameter is shown and bounded: one slider, one URL parameter. */
export interface HyperSpec {
  label: string;   // words for a form label, e.g. "learning rate"
  symbol: string;  // the symbol the formulas use, e.g. "η", "β₁"
  min: number;     // smallest value a slider offers (validation may be wider)
  max: number;     // largest value a slider offers
  log?: boolean;   // slider moves on a logarithmic scale
  integer?: boolean; // whole numbers only (a count, or a 0/1 switch): sliders step by 1, settings refuse fractions
}

export type Hyper = Record<string, number>;
export type State = Record<string, Tensor>;

/**
 * An optimizer is an `init`/`update` pair over explicit state (the Optax shape).
 *
 * `update` is pure: it returns the new parameter and the new state and disposes
 * none of its inputs; the caller (see runner.ts) owns the tensors' lifetimes.
 *
 * The source of `update` is shown in the chapters beside `formula`. A code line
 * ending in the comment `// (k)` computes formula line k (1-based): that is how
 * the formula-beside-code block links the two.
 */
export interface Optimizer<H extends Hyper = Hyper, S extends State = State> {
  id: string;                              // registry key, e.g. "adam" or "rmsprop:keras"
  name: string;                            // display name, e.g. "Adam"
  defaults: H;                             // default hyperparameters (PyTorch's unless a variant says otherwise)
  hyper: { [K in keyof H]: HyperSpec };    // UI metadata for every hyperparameter
  formula: string[];                       // the update rule, one TeX display line per entry
  reference: { title: string; url: string }; // where the rule comes from
  note?: string;                           // for a variant: how it differs from the default
  /**
   * What `update` looks at. 'elementwise' (the default): each coordinate on its
   * own, so one call over the concatenation of several tensors equals one call
   * per tensor — the runner uses that to fuse. 'tensor': whole-tensor
   * quantities too (norms, row and column statistics), so it runs per tensor.
   * 'matrix': per tensor, and only 2-D tensors.
   */
  scope?: 'elementwise' | 'tensor' | 'matrix';
  /** Where the model is evaluated, when that is not the parameter (schedule-free: the averaged point). */
  evalPoint?(param: Tensor, state: S, hp: H): Tensor;
  init(param: Tensor): S;                  // state for one parameter tensor
  update(param: Tensor, grad: Tensor, state: S, hp: H, t: number): [Tensor, S]; // t is the 1-based step
}
