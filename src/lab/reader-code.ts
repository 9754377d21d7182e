/**
 * The reader's optimizer, Worker side: their source becomes an ES module
 * (never eval or new Function, which the site's CSP forbids) whose `init` and
 * `update` find the exercises' tensor operations as globals, and it is wrapped
 * as an Optimizer of the registry so that the engine runs it exactly as it runs
 * the built-ins. Errors carry the reader's line number.
 */
import { Tensor, tensor1d, tidy } from '@tensorflow/tfjs-core';
import type { Hyper, Optimizer, State } from '../optimizers/types';
import { hpSpec } from './hp';
import { opNames, ops } from '../exercises/ops';

/** The reader's optimizer's id in the Worker's registry, and its name in the legend. */
export const YOURS = 'yours';
export const YOURS_NAME = 'Your optimizer';

/**
 * The module the source becomes. The preamble shares line 1 with the code, so
 * that line numbers in errors are the reader's.
 */
export function moduleText(source: string): string {
  return `var { ${opNames.join(', ')} } = globalThis.__descentOps; ${source}\n;export default {` +
    ` init: typeof init === 'function' ? init : undefined, update: typeof update === 'function' ? update : undefined };\n`;
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

function checkState(s: unknown, where: string): State {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new ReaderError(`${where} must return the state as an object of tensors, e.g. {} or { m }`);
  for (const [k, v] of Object.entries(s)) if (!isTensor(v)) throw new ReaderError(`${where}: state.${k} is not a tensor`);
  return s as State;
}

/**
 * Loads the source and makes the Optimizer that runs it, with `hp` as its
 * defaults. It runs per tensor ('tensor' scope: whole matrices, so matMul and
 * norms mean what they say). A trial step on a small vector catches an
 * update that throws or returns the wrong thing before the race starts.
 */
export async function loadReaderOptimizer(source: string, hp: Hyper, loader: Loader): Promise<Optimizer> {
  (globalThis as { __descentOps?: unknown }).__descentOps = ops;
  const { url, load, done } = loader(moduleText(source));
  let exports: { init?: Init; update?: Update };
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
  const { init, update } = exports;
  if (!init) throw new ReaderError('the code does not define a function named init');
  if (!update) throw new ReaderError('the code does not define a function named update');
  const call = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw e instanceof ReaderError ? e : new ReaderError(describe(e, url));
    }
  };
  const optimizer: Optimizer = {
    id: YOURS,
    name: YOURS_NAME,
    defaults: hp,
    hyper: Object.fromEntries(Object.entries(hp).map(([k, v]) => [k, hpSpec(k, v)])),
    formula: [],
    reference: { title: 'your code', url: '' },
    scope: 'tensor',
    init: (param) => checkState(call(() => init(param)), 'init'),
    update(param, grad, state, h, t) {
      const out = call(() => update(param, grad, state, h, t));
      if (!Array.isArray(out) || out.length !== 2) throw new ReaderError('update must return [param, state]');
      const [next, s] = out as [unknown, unknown];
      if (!isTensor(next)) throw new ReaderError('update must return the new parameter as a tensor: [param, state]');
      if (next.shape.join() !== param.shape.join()) throw new ReaderError(`update returned a parameter of shape [${next.shape}] for one of shape [${param.shape}]`);
      return [next, checkState(s, 'update')];
    },
  };
  tidy(() => {
    const p = tensor1d([0.5, -1, 2]);
    optimizer.update(p, tensor1d([0.1, -0.2, 0.3]), optimizer.init(p), hp, 1);
  });
  return optimizer;
}
