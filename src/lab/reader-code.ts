/**
 * The reader's optimizer, Worker side: their source becomes an ES module
 * (never eval or new Function, which the site's CSP forbids) whose `init` and
 * `update` find the exercises' tensor operations as globals, and it is wrapped
 * as an Optimizer of the registry so that the engine runs it exactly as it runs
 * the built-ins. Errors carry the reader's line number.
 */
import { Tensor, tensor1d, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { Hyper, Optimizer, State } from '../optimizers/types';
import { hpSpec } from './hp';
import { opNames, ops } from '../exercises/ops';

/** The reader's optimizer's id in the Worker's registry, and its name in the legend. */
export const YOURS = 'yours';
export const YOURS_NAME = 'Your optimizer';

/**
 * The module the source becomes. The preamble shares line 1 with the code, so
 * that line numbers in errors are the reader's. Besides `init` and `update`
 * the code may define `evalPoint(param, state, hp)`, where the model is
 * evaluated when that is not the parameter (schedule-free rules), and
 * `const scope = 'matrix'` for a rule defined on weight matrices only (Muon):
 * a network then hands its other tensors to AdamW, as for the built-in rule.
 */
export function moduleText(source: string): string {
  const exported = (name: string, type: string) => `${name}: typeof ${name} === '${type}' ? ${name} : undefined`;
  return `var { ${opNames.join(', ')} } = globalThis.__descentOps; ${source}\n;export default {` +
    ` ${[exported('init', 'function'), exported('update', 'function'), exported('evalPoint', 'function'), exported('scope', 'string')].join(', ')} };\n`;
}

/** Where the module is loaded from (a blob: URL in the browser, a data: URL in tests). */
export type Loader = (text: string) => { url: string; load: () => Promise<unknown>; done?: () => void };

/** The line in the reader's code an error comes from, when its stack names the module. */
export function lineIn(error: unknown, url: string): number | undefined {
  const stack = String((error as Error)?.stack ?? '');
  const m = new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):\\d+`).exec(stack);
  return m ? Number(m[1]) : undefined;
}

/** "TypeError: x is not a function (line 4)". */
export function describe(error: unknown, url: string): string {
  const name = (error as Error)?.name ?? 'Error';
  const message = (error as Error)?.message ?? String(error);
  const line = lineIn(error, url);
  return `${name}: ${message}${line ? ` (line ${line})` : ''}`;
}

/** The reader's code failed: the message says what and where, as the reader should see it. */
export class ReaderError extends Error {}

const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

type Init = (param: Tensor) => unknown;
type Update = (param: Tensor, grad: Tensor, state: State, hp: Hyper, t: number) => unknown;
type EvalPoint = (param: Tensor, state: State, hp: Hyper) => unknown;

/** The scopes the reader's code may declare: per tensor (the default; elementwise rules are that too), or weight matrices only. */
const scopes = ['tensor', 'matrix'] as const;

function checkState(s: unknown, where: string): State {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new ReaderError(`${where} must return the state as an object of tensors, e.g. {} or { m }`);
  for (const [k, v] of Object.entries(s)) if (!isTensor(v)) throw new ReaderError(`${where}: state.${k} is not a tensor`);
  return s as State;
}

/**
 * Loads the source and makes the Optimizer that runs it, with `hp` as its
 * defaults. It runs per tensor ('tensor' scope: whole matrices, so matMul and
 * norms mean what they say), or on weight matrices only where the code says
 * so. A trial step on a small vector (or matrix) catches an update that
 * throws or returns the wrong thing before the race starts.
 */
export async function loadReaderOptimizer(source: string, hp: Hyper, loader: Loader): Promise<Optimizer> {
  (globalThis as { __descentOps?: unknown }).__descentOps = ops;
  const { url, load, done } = loader(moduleText(source));
  let exports: { init?: Init; update?: Update; evalPoint?: EvalPoint; scope?: string };
  try {
    exports = ((await load()) as { default: typeof exports }).default;
  } catch (e) {
    if (!lineIn(e, url) && e instanceof TypeError && /imported module/i.test(e.message)) {
      throw new ReaderError("your code could not be loaded (the site's Content-Security-Policy must allow blob: scripts)");
    }
    throw new ReaderError(describe(e, url));
  } finally {
    done?.();
  }
  const { init, update, evalPoint, scope = 'tensor' } = exports;
  if (!init) throw new ReaderError('the code does not define a function named init');
  if (!update) throw new ReaderError('the code does not define a function named update');
  if (!(scopes as readonly string[]).includes(scope)) throw new ReaderError(`scope must be ${scopes.map((s) => `'${s}'`).join(' or ')}, not '${scope}'`);
  const call = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw e instanceof ReaderError ? e : new ReaderError(describe(e, url));
    }
  };
  const shaped = (what: 'update' | 'evalPoint', out: unknown, param: Tensor): Tensor => {
    if (!isTensor(out)) throw new ReaderError(what === 'update' ? 'update must return the new parameter as a tensor: [param, state]' : 'evalPoint must return a tensor: the point where the model is evaluated');
    if (out.shape.join() !== param.shape.join()) throw new ReaderError(`${what} returned a parameter of shape [${out.shape}] for one of shape [${param.shape}]`);
    return out;
  };
  const optimizer: Optimizer = {
    id: YOURS,
    name: YOURS_NAME,
    defaults: hp,
    hyper: Object.fromEntries(Object.entries(hp).map(([k, v]) => [k, hpSpec(k, v)])),
    formula: [],
    reference: { title: 'your code', url: '' },
    scope: scope as Optimizer['scope'],
    init: (param) => checkState(call(() => init(param)), 'init'),
    update(param, grad, state, h, t) {
      const out = call(() => update(param, grad, state, h, t));
      if (!Array.isArray(out) || out.length !== 2) throw new ReaderError('update must return [param, state]');
      const [next, s] = out as [unknown, unknown];
      return [shaped('update', next, param), checkState(s, 'update')];
    },
    ...(evalPoint && { evalPoint: (param: Tensor, state: State, h: Hyper) => shaped('evalPoint', call(() => evalPoint(param, state, h)), param) }),
  };
  // The trial step: on a vector, or for a rule of weight matrices on a matrix.
  tidy(() => {
    const [p, g] = scope === 'matrix'
      ? [tensor2d([[0.5, -1, 2], [1, 0.25, -0.5]]), tensor2d([[0.1, -0.2, 0.3], [-0.3, 0.2, 0.1]])]
      : [tensor1d([0.5, -1, 2]), tensor1d([0.1, -0.2, 0.3])];
    const [next, state] = optimizer.update(p, g, optimizer.init(p), hp, 1);
    optimizer.evalPoint?.(next, state, hp);
  });
  return optimizer;
}
