import type { Optimizer } from '../optimizers/types';

/**
 * The starter code: the signature, the state's and hyperparameters' names, and
 * the defaults; for a rule graded on matrices, a note that param and grad are
 * matrices (their shape is `param.shape`).
 */
export function stub(o: Pick<Optimizer<any, any>, 'name' | 'defaults'>, stateKeys: string[], matrix = false): string {
  const hyper = Object.keys(o.defaults);
  const defaults = Object.entries(o.defaults).map(([k, v]) => `${k} = ${v}`).join(', ');
  const state = `{ ${stateKeys.join(', ')} }`.replace('{  }', '{}');
  return [
    `// ${o.name}. State: ${state}${stateKeys.length ? ': tensors, as init() makes them before step 1' : ' (none)'}.`,
    `// Hyperparameters: { ${hyper.join(', ')} }; defaults ${defaults}.`,
    '// t is the step, counted from 1. Available tensor operations:',
    '// add, sub, mul, div, sqrt, square, abs, sign, maximum, minimum, neg,',
    '// zerosLike, onesLike, fill, scalar, pow, exp, log, clipByValue, clone, addN, sum,',
    '// mean, norm, matMul, transpose, greater, where, logicalAnd.',
    `function update(param, grad, ${state}, { ${hyper.join(', ')} }, t) {`,
    ...(matrix ? ['  // param and grad are m×n matrices: const [m, n] = param.shape;'] : []),
    '  // your code',
    `  return [param, ${state}];`,
    '}',
    '',
  ].join('\n');
}
