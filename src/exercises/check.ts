/**
 * Grading an exercise: run a student's `update` and the reference optimizer's
 * on the same gradient sequences and report where they first differ. Pure and
 * shared by the browser (a Web Worker) and the command-line grader (a Node
 * worker thread), so both give the same verdict for the same code.
 */
import { dispose, tensor, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Hyper, Optimizer, State } from '../optimizers/types';
import { createRandom } from '../train/random';
import type { CaseForm } from './exercisable';

export type UpdateFn = (param: Tensor, grad: Tensor, state: State, hp: Hyper, t: number) => [Tensor, State];

/** One graded run: a start point, a gradient per step and the hyperparameters. */
export interface Case {
  name: string;      // "case 1"
  hidden: boolean;   // hidden cases are checked but their numbers never shown
  param: number[];
  grads: number[][]; // one gradient per step; steps are 1-based
  hp: Hyper;
  shape?: [number, number]; // a matrix case: param and grads are these rows × columns, row by row
}

export interface Tolerance {
  rel: number;
  abs: number;
}
/** float32: what the same formula written a little differently may drift by. */
export const defaultTolerance: Tolerance = { rel: 1e-5, abs: 1e-7 };

/** One quantity at one step where the two runs part. */
export interface Difference {
  step: number;
  quantity: string;  // "θ[1]" or "m[0]" or "state"
  expected: string;
  got: string;
}

export interface CaseResult {
  name: string;
  hidden: boolean;
  passed: boolean;
  steps: number;
  /** Where the runs first differ (for a hidden case, only the step and quantity). */
  difference?: Difference;
  /** The student's code threw: its message and the line in the student's code, when known. */
  error?: string;
  /** The first few steps of both runs, side by side, up to and including the first difference (visible cases only). */
  table?: Difference[];
}

export interface CheckResult {
  passed: boolean;
  cases: CaseResult[];
  summary: string; // "passed: 6 of 6 cases match" / "failed: case 2 differs at step 3 (θ[1]: expected 0.9, got 0.8)"
}


/** Hyperparameters moved off their defaults, so that a hard-coded default fails. */
function perturb(defaults: Hyper): Hyper {
  const out: Hyper = {};
  for (const [k, v] of Object.entries(defaults)) {
    if (k === 'lr') out[k] = v * 3;
    else if (k === 'eps') out[k] = v;
    else if (v > 0 && v < 1 && v >= 0.5) out[k] = 1 - (1 - v) * 1.5; // decays: 0.9 → 0.85
    else if (v > 0 && v < 0.5) out[k] = v * 2;                       // weight decay, momentum decay
    else if (v === 0) out[k] = 0.1;                                   // a term off by default: on
    else out[k] = v;
  }
  return out;
}

/** Matrix cases' shapes: wide, tall and square-ish in turn, so that both of Muon's orientations are graded. */
const matrixShapes: [number, number][] = [[2, 3], [3, 2], [3, 4], [4, 3], [2, 4], [4, 2]];

/**
 * `visible` + `hidden` cases for an optimizer: 3–4 parameters (or a 2×3 to
 * 4×3 matrix, for `form.matrix`), 10–30 steps, gradients of mixed scale and
 * sign. The first case uses the defaults; the rest use a larger learning rate
 * (so that the parameters move visibly), and every other hidden case also
 * moves the other hyperparameters (to `form.moved` where it names them).
 */
export function makeCases(defaults: Hyper, seed: number, visible = 3, hidden = 3, form: CaseForm = {}): Case[] {
  const random = createRandom(seed).next; // seeded: the same cases in the browser and the grader
  const cases: Case[] = [];
  for (let i = 0; i < visible + hidden; i++) {
    const isHidden = i >= visible;
    const draw = 3 + Math.floor(random() * 2);
    const shape = form.matrix ? matrixShapes[i % matrixShapes.length] : undefined;
    const size = shape ? shape[0] * shape[1] : draw;
    const steps = 10 + Math.floor(random() * 21);
    const scale = [1, 0.1, 5][i % 3];
    const param = Array.from({ length: size }, () => round((random() * 4 - 2)));
    const grads = Array.from({ length: steps }, () => Array.from({ length: size }, () => round((random() * 2 - 1) * scale)));
    let hp: Hyper = { ...defaults };
    if (i > 0) hp.lr = defaults.lr * 10;
    if (isHidden && i % 2 === 1) hp = { ...perturb(hp), ...form.moved };
    cases.push({ name: `case ${i + 1}`, hidden: isHidden, param, grads, hp, ...(shape && { shape }) });
  }
  return cases;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Numbers in messages: enough digits to see a float32 difference. */
export function show(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(Number(x.toPrecision(7)));
}

const close = (e: number, g: number, tol: Tolerance) =>
  (Number.isNaN(e) && Number.isNaN(g)) || e === g || Math.abs(e - g) <= tol.abs + tol.rel * Math.abs(e);

/** One step of a run, as plain numbers. */
export interface Snapshot {
  param: number[];
  state: Record<string, number[]>;
  /** The matrices' shapes (param and state), so that differences can be named θ[1,2]. */
  shapes?: Record<string, number[]>;
}

const isTensor = (x: unknown): x is Tensor =>
  typeof x === 'object' && x !== null && typeof (x as Tensor).dataSync === 'function' && Array.isArray((x as Tensor).shape);

class ShapeError extends Error {}

/** Runs `update` over a case, returning every step's numbers, or the step at which it threw. */
function trajectory(init: (p: Tensor) => State, update: UpdateFn, c: Case, keys?: string[]): { steps: Snapshot[]; error?: { step: number; error: unknown } } {
  const steps: Snapshot[] = [];
  const held: Tensor[] = [];
  try {
    const shape = c.shape ?? [c.param.length];
    let param: Tensor = tensor(c.param, shape);
    let state = init(param);
    held.push(param, ...Object.values(state));
    for (let t = 1; t <= c.grads.length; t++) {
      const grad = tensor(c.grads[t - 1], shape);
      held.push(grad);
      let out: unknown;
      try {
        // tidy keeps the tensors that are returned and frees the intermediate ones.
        out = tidy(() => update(param, grad, { ...state }, { ...c.hp }, t) as never);
      } catch (error) {
        return { steps, error: { step: t, error } };
      }
      if (!Array.isArray(out) || !isTensor(out[0]) || typeof out[1] !== 'object' || out[1] === null || isTensor(out[1]))
        return { steps, error: { step: t, error: new ShapeError('update must return [newParam, newState]: a tensor and an object of tensors') } };
      const [p, s] = out as [Tensor, State];
      held.push(p, ...Object.values(s).filter(isTensor));
      const snap: Snapshot = { param: Array.from(p.dataSync()), state: {} };
      if (c.shape) snap.shapes = { param: p.shape };
      for (const k of keys ?? Object.keys(s)) {
        const v = s[k];
        if (!isTensor(v)) return { steps, error: { step: t, error: new ShapeError(`the new state has no tensor "${k}" (step ${t})`) } };
        snap.state[k] = Array.from(v.dataSync());
        if (snap.shapes) snap.shapes[k] = v.shape;
      }
      steps.push(snap);
      param = p;
      state = s;
    }
    return { steps };
  } finally {
    dispose(held);
  }
}

/** "TypeError: x is not defined (line 4)": the line is found by `lineOf` when the caller can (the stack names the student's file). */
export function describeError(error: unknown, lineOf?: (e: unknown) => number | undefined): string {
  if (error instanceof ShapeError) return error.message;
  const name = (error as Error)?.name ?? 'Error';
  const message = (error as Error)?.message ?? String(error);
  const line = lineOf?.(error);
  return `${name}: ${message}${line ? ` (line ${line})` : ''}`;
}

interface Found extends Difference {
  key: string; // "param" or a state name
  index: number;
}

const valueOf = (s: Snapshot, key: string, index: number) => (key === 'param' ? s.param : s.state[key] ?? [])[index];

/** Entry `index` of a tensor named `name`: θ[4] for a vector, θ[1,0] for a 2-D matrix. */
function entry(name: string, index: number, shape?: number[]): string {
  if (shape?.length !== 2) return `${name}[${index}]`;
  return `${name}[${Math.floor(index / shape[1])},${index % shape[1]}]`;
}

/** The first quantity that differs at a step, in the order θ, then each state tensor. */
function firstDifference(step: number, e: Snapshot, g: Snapshot, tol: Tolerance): Found | undefined {
  for (const key of ['param', ...Object.keys(e.state)]) {
    const name = key === 'param' ? 'θ' : key;
    const ev = key === 'param' ? e.param : e.state[key];
    const gv = key === 'param' ? g.param : g.state[key] ?? [];
    const [es, gs] = [e.shapes?.[key], g.shapes?.[key]];
    if (ev.length !== gv.length || (es && gs && es.join() !== gs.join())) {
      return { step, quantity: `${name} shape`, expected: `[${(es ?? [ev.length]).join(', ')}]`, got: `[${(gs ?? [gv.length]).join(', ')}]`, key, index: -1 };
    }
    for (let i = 0; i < ev.length; i++) {
      if (!close(ev[i], gv[i], tol)) return { step, quantity: entry(name, i, es), expected: show(ev[i]), got: show(gv[i]), key, index: i };
    }
  }
  return undefined;
}

/** The reference's run over each case, as plain numbers. */
export type ReferenceRuns = Snapshot[][];

/**
 * The reference's runs, computed up front: the command-line grader does this
 * before the student's code is loaded, so that code cannot tamper with them.
 */
export function referenceRuns(reference: Optimizer<any, any>, cases: Case[]): ReferenceRuns {
  return cases.map((c) => {
    const run = trajectory(reference.init, reference.update, c);
    if (run.error) throw run.error.error; // the reference itself must run
    return run.steps;
  });
}

/**
 * Grades `student` against `reference` on every case. The student's state
 * starts from the reference's `init`; parameters and every state tensor are
 * compared after every step. `lineOf` finds the student's line in an error.
 */
export function check(
  reference: Optimizer<any, any>,
  student: UpdateFn,
  cases: Case[],
  tol: Tolerance = defaultTolerance,
  lineOf?: (e: unknown) => number | undefined,
  runs: ReferenceRuns = referenceRuns(reference, cases),
): CheckResult {
  const results: CaseResult[] = [];
  for (const [n, c] of cases.entries()) {
    const expected = { steps: runs[n] };
    const keys = Object.keys(expected.steps[0]?.state ?? {});
    const got = trajectory(reference.init, student, c, keys);
    const result: CaseResult = { name: c.name, hidden: c.hidden, passed: true, steps: c.grads.length };
    for (let i = 0; i < got.steps.length; i++) {
      const d = firstDifference(i + 1, expected.steps[i], got.steps[i], tol);
      if (!d) continue;
      result.passed = false;
      result.difference = { step: d.step, quantity: d.quantity, expected: c.hidden ? 'hidden' : d.expected, got: c.hidden ? 'hidden' : d.got };
      if (!c.hidden) {
        // The same quantity over the steps leading up to the difference.
        result.table = [];
        for (let j = Math.max(0, i - 4); j <= i; j++) {
          const ev = d.index < 0 ? NaN : valueOf(expected.steps[j], d.key, d.index);
          const gv = d.index < 0 ? NaN : valueOf(got.steps[j], d.key, d.index);
          result.table.push(j === i ? { step: d.step, quantity: d.quantity, expected: d.expected, got: d.got } : { step: j + 1, quantity: d.quantity, expected: show(ev), got: show(gv) });
        }
      }
      break;
    }
    if (got.error && result.passed) {
      result.passed = false;
      result.error = describeError(got.error.error, lineOf);
      result.difference = { step: got.error.step, quantity: 'error', expected: '', got: result.error };
    }
    results.push(result);
  }
  const passedCount = results.filter((r) => r.passed).length;
  const first = results.find((r) => !r.passed);
  let summary = `passed: ${passedCount} of ${results.length} cases match`;
  if (first) {
    const d = first.difference!;
    const where = `${first.name}${first.hidden ? ' (hidden)' : ''}`;
    summary = first.error
      ? `failed: ${first.error} at step ${d.step} of ${where}`
      : first.hidden
        ? `failed: ${where} differs at step ${d.step} (${d.quantity})`
        : `failed: ${where} differs at step ${d.step} (${d.quantity}: expected ${d.expected}, got ${d.got})`;
  }
  return { passed: !first, cases: results, summary };
}

/** The seed of the cases the page shows; the command-line grader keeps its own seed for its hidden cases. */
export const PAGE_SEED = 1;

/** The page's visible cases and hidden cases from `hiddenSeed`, in the exercise's form (see exercisable.ts). */
export function gradingCases(defaults: Hyper, hiddenSeed = PAGE_SEED, form: CaseForm = {}): Case[] {
  const visible = makeCases(defaults, PAGE_SEED, 3, 3, form).filter((c) => !c.hidden);
  return [...visible, ...makeCases(defaults, hiddenSeed, 3, 3, form).filter((c) => c.hidden)];
}

/** The first line of `source` that the JavaScript grammar cannot parse (1-based), or undefined. */
export function syntaxErrorLine(source: string, parse: (s: string) => { iterate(spec: { enter(n: { type: { isError: boolean }; from: number }): boolean | void }): void }): number | undefined {
  let at: number | undefined;
  parse(source).iterate({
    enter(n) {
      if (at !== undefined) return false;
      if (n.type.isError) at = n.from;
    },
  });
  return at === undefined ? undefined : source.slice(0, at).split('\n').length;
}
