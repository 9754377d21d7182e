/**
 * The playground's starting points: four short optimizers written for it, and
 * every built-in rule of the guide whose update its tensor operations can
 * express, rewritten from its source in src/optimizers (the very `init` and
 * `update` the widgets run) as a program of the playground's form:
 * `const hp`, `function init`, `function update` (and where the rule has
 * them, `const scope` and `function evalPoint`).
 */
import { baseOptimizerIds, frontierIds, optimizers, sourcePath, variantsOf } from '../optimizers';
import { inexpressible } from '../exercises/exercisable';
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

/** The built-in rules "Start from…" offers, in the menu's groups: every one whose update the playground's operations express. */
export const startFromGroups: readonly { label: string; ids: readonly string[] }[] = [
  { label: 'Classic rules', ids: baseOptimizerIds },
  { label: 'Frontier rules', ids: frontierIds.filter((id) => !Object.hasOwn(inexpressible, id)) },
  { label: 'Framework variants', ids: baseOptimizerIds.flatMap((id) => variantsOf(id).map((o) => o.id)) },
];
export const startFromIds: readonly string[] = startFromGroups.flatMap((g) => g.ids);

/** The built-in rules it cannot offer, each with why: the menu lists them, disabled, with the reason. */
export const notOffered: readonly { id: string; why: string }[] = Object.entries(inexpressible).map(([id, why]) => ({ id, why }));

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

/**
 * A one-line arrow property `  name: (args) => body,` as a function; a body in
 * parentheses (an object literal) loses them.
 */
function arrowFunction(file: string, name: string): string | undefined {
  const m = new RegExp(`^ {2}${name}: \\(([^)]*)\\) => (.*),$`, 'm').exec(file);
  if (!m) return undefined;
  const body = /^\((.*)\)$/.exec(m[2])?.[1] ?? m[2];
  return [`function ${name}(${m[1] || 'param'}) {`, `  return ${body};`, '}'].join('\n');
}

/** The program for built-in rule `id` from its file's text. */
export function programFrom(id: string, file: string): string {
  const o = optimizers[id];
  const update = method(file, 'update');
  const initMethod = method(file, 'init');
  const init = arrowFunction(file, 'init') ?? (initMethod && solutionFunction(initMethod, 'init'));
  if (!o || !update || !init) throw new Error(`no playground source for ${id}`);
  const evalPoint = arrowFunction(file, 'evalPoint');
  const hp = Object.entries(o.defaults).map(([k, v]) => `${k}: ${formatHp(v as number)}`).join(', ');
  return [
    `// ${o.name}, as the guide runs it (${sourcePath(id)}); see ${o.reference.url}`,
    header.split('\n').slice(0, 4).join('\n'),
    `const hp = { ${hp} };`,
    // A rule of weight matrices says so: on a network the others go to AdamW (as for the built-in).
    ...(o.scope === 'matrix' ? ["const scope = 'matrix'; // weight matrices only: AdamW takes the biases and the output layer"] : []),
    '',
    init,
    '',
    solutionFunction(update),
    // Where the model is evaluated, when not at the parameter: the loss is measured there.
    ...(evalPoint ? ['', evalPoint] : []),
    '',
  ].join('\n');
}

/** The program for built-in rule `id`, its file loaded on demand. */
export async function startFrom(id: string): Promise<string> {
  // The glob's keys are relative to this file (src/lab): '../optimizers/adam.ts' for 'src/optimizers/adam.ts'.
  const load = files[`../${sourcePath(id).replace(/^src\//, '')}`];
  if (!load) throw new Error(`no source for ${id}`);
  return programFrom(id, await load());
}
