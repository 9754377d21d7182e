/**
 * The playground's starting points: four short optimizers written for it, and
 * any classic rule of the guide, rewritten from its source in src/optimizers
 * (the very `init` and `update` the widgets run) as a program of the
 * playground's form: `const hp`, `function init`, `function update`.
 */
import { baseOptimizerIds, optimizers, sourcePath } from '../optimizers';
import { solutionFunction } from '../exercises/solution';
import { formatHp } from './hp';

const header = [
  '// init(param): the state for one parameter tensor',
  '// (a weight matrix or a bias vector).',
  '// update(param, grad, state, hp, t): [newParam, newState];',
  '// t counts steps from 1. Each entry of hp gets a slider.',
  '// Tensor operations: add, sub, mul, div, sqrt, square,',
  '// abs, sign, maximum, minimum, neg, zerosLike, onesLike,',
  '// fill, scalar, pow, exp, log, clipByValue, clone, addN,',
  '// sum, mean, norm, matMul, transpose, greater, where,',
  '// logicalAnd.',
].join('\n');

export const starters: Record<string, { name: string; source: string }> = {
  sgd: {
    name: 'SGD',
    source: `${header}
const hp = { lr: 0.1 };

function init(param) {
  return {};
}

function update(param, grad, state, { lr }, t) {
  return [sub(param, mul(lr, grad)), state];
}
`,
  },
  momentum: {
    name: 'Momentum',
    source: `${header}
const hp = { lr: 0.05, beta: 0.9 };

function init(param) {
  return { v: zerosLike(param) };
}

function update(param, grad, { v }, { lr, beta }, t) {
  const v1 = add(mul(beta, v), grad); // a running sum of gradients
  return [sub(param, mul(lr, v1)), { v: v1 }];
}
`,
  },
  adam: {
    name: 'Adam',
    source: `${header}
const hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

function init(param) {
  return { m: zerosLike(param), v: zerosLike(param) };
}

function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
  const m1 = add(mul(beta1, m), mul(1 - beta1, grad));
  const v1 = add(mul(beta2, v), mul(1 - beta2, square(grad)));
  const mHat = div(m1, 1 - beta1 ** t);
  const vHat = div(v1, 1 - beta2 ** t);
  return [sub(param, div(mul(lr, mHat), add(sqrt(vHat), eps))), { m: m1, v: v1 }];
}
`,
  },
  sign: {
    name: 'Sign descent',
    source: `${header}
const hp = { lr: 0.01 };

function init(param) {
  return {};
}

// Every coordinate moves by exactly lr, whatever the gradient's size: only its sign counts.
function update(param, grad, state, { lr }, t) {
  return [sub(param, mul(lr, sign(grad))), state];
}
`,
  },
};

export const defaultStarter = 'sgd';

/** The rules "Start from…" offers: the classic ones, whose update uses only the exercise operations. */
export const startFromIds = baseOptimizerIds;

// The optimizer files as text, each loaded only when the reader picks it.
const files = import.meta.glob<string>('../optimizers/*.ts', { query: '?raw', import: 'default' });

/** The lines of the object literal's method `name(` … `},` in a file of src/optimizers (two-space indented, as they all are). */
function method(file: string, name: string): string | undefined {
  const lines = file.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${name}(`));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l === '  },');
  return end < 0 ? undefined : lines.slice(start, end + 1).join('\n');
}

/** The program for built-in rule `id` from its file's text. */
export function programFrom(id: string, file: string): string {
  const o = optimizers[id];
  const update = method(file, 'update');
  const init = /^ {2}init: \(([^)]*)\) => \((.*)\),$/m.exec(file);
  if (!o || !update || !init) throw new Error(`no playground source for ${id}`);
  const hp = Object.entries(o.defaults).map(([k, v]) => `${k}: ${formatHp(v as number)}`).join(', ');
  return [
    `// ${o.name}, as the guide runs it (${sourcePath(id)}); see ${o.reference.url}`,
    header.split('\n').slice(0, 4).join('\n'),
    `const hp = { ${hp} };`,
    '',
    `function init(${init[1] || 'param'}) {`,
    `  return ${init[2]};`,
    '}',
    '',
    solutionFunction(update),
    '',
  ].join('\n');
}

/** The program for built-in rule `id`, its file loaded on demand. */
export async function startFrom(id: string): Promise<string> {
  const load = files[`../${sourcePath(id)}`];
  if (!load) throw new Error(`no source for ${id}`);
  return programFrom(id, await load());
}
