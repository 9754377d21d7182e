import type { Tensor } from '@tensorflow/tfjs-core';
import { tidy, zeros } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';

/**
 * How much memory an optimizer's state takes, measured rather than
 * asserted: `init` runs on a zero tensor of the given shape and the elements
 * of every state tensor it returns are counted. The Adafactor chapter's table
 * is built from this at build time, so it follows the registry.
 * Needs a TensorFlow.js backend (src/train/tf.ts `ready()`).
 */
export interface StateMemory {
  id: string;
  name: string;
  /** The parameter shape `init` was given. */
  shape: number[];
  /** The state's tensors by name, with their shapes, in `init`'s order. */
  tensors: { name: string; shape: number[] }[];
  /** State elements in all, and per element of the parameter. */
  elements: number;
  perParameter: number;
}

/** Bytes of one float32 number: the precision the guide trains in. */
export const FLOAT32_BYTES = 4;

/** Count the state `opt.init` keeps for a parameter of `shape`; throws what `init` throws (a shape it refuses). */
export function stateMemory(opt: Optimizer<any, any>, shape: number[]): StateMemory {
  const tensors = tidy(() => {
    const state = opt.init(zeros(shape));
    // Plain data out of the tidy, which frees the parameter and the state.
    return Object.entries(state as Record<string, Tensor>).map(([name, t]) => ({ name, shape: [...t.shape] }));
  });
  const size = shape.reduce((a, b) => a * b, 1);
  const elements = tensors.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
  return { id: opt.id, name: opt.name, shape: [...shape], tensors, elements, perParameter: elements / size };
}

/**
 * `stateMemory` on `shape`, or on `fallback` when `init` refuses `shape`
 * (this guide's Shampoo takes its roots only of factors up to 64 wide): the
 * row says which shape it was measured on.
 */
export function stateMemoryOrFallback(opt: Optimizer<any, any>, shape: number[], fallback: number[]): StateMemory & { refused?: string } {
  try {
    return stateMemory(opt, shape);
  } catch (e) {
    return { ...stateMemory(opt, fallback), refused: (e as Error).message };
  }
}

/** Gigabytes (10⁹ bytes) of float32 state for a model of `parameters` parameters at `perParameter` state elements each. */
export const stateGigabytes = (perParameter: number, parameters: number): number => (perParameter * parameters * FLOAT32_BYTES) / 1e9;

/** A number for the table: three significant digits at most, two below 1, no trailing zeros (2, 56, 0.00049, 28,000). */
export function formatAmount(x: number): string {
  return Number(x.toPrecision(x >= 1 ? 3 : 2)).toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

/** One row of the state table, measured and formatted. */
export interface StateRow {
  id: string;
  name: string;
  /** The state tensors' names grouped by shape, e.g. "m, v 4096×4096; muProduct scalar"; "none" for plain SGD. */
  tensors: string;
  perParameter: number;
  /** Set when the rule refused the table's shape and was measured on the fallback. */
  measuredOn?: string;
  /** Gigabytes of float32 state for `parameters` parameters shaped like the table's matrix. */
  gigabytes: number;
}

const dims = (shape: number[]) => (shape.length ? shape.join('×') : 'scalar');

/** "m, v 4096×4096; muProduct scalar": names of the same shape together, in `init`'s order. */
function byShape(tensors: { name: string; shape: number[] }[]): string {
  const groups = new Map<string, string[]>();
  for (const t of tensors) groups.set(dims(t.shape), [...(groups.get(dims(t.shape)) ?? []), t.name]);
  return [...groups].map(([shape, names]) => `${names.join(', ')} ${shape}`).join('; ');
}

/**
 * The rows of the state table for `ids` (registry order): each rule's `init`
 * on a `shape` matrix (or `fallback`, when it refuses), scaled to a model of
 * `parameters` parameters made of such matrices.
 */
export function stateRows(opts: Optimizer<any, any>[], shape: number[], fallback: number[], parameters: number): StateRow[] {
  return opts.map((opt) => {
    const m = stateMemoryOrFallback(opt, shape, fallback);
    return {
      id: m.id,
      name: m.name,
      tensors: m.tensors.length ? byShape(m.tensors) : 'none',
      perParameter: m.perParameter,
      measuredOn: m.refused ? dims(m.shape) : undefined,
      gigabytes: stateGigabytes(m.perParameter, parameters),
    };
  });
}
