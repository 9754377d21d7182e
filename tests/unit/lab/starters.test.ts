import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend, tensor, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { frontierIds, optimizers, sourcePath, takesAnyShape } from '../../../src/optimizers';
import type { Optimizer, State } from '../../../src/optimizers/types';
import { frontierExerciseIds, inexpressible } from '../../../src/exercises/exercisable';
import { parseHp } from '../../../src/lab/hp';
import { loadReaderOptimizer, type Loader } from '../../../src/lab/reader-code';
import { notOffered, programFrom, startFrom, startFromGroups, startFromIds } from '../../../src/lab/starters';

// Node imports a data: URL as the playground's Worker imports a blob: URL.
const dataUrl: Loader = (text) => {
  const url = `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`;
  return { url, load: () => import(/* @vite-ignore */ url) };
};

const program = (id: string) => programFrom(id, readFileSync(sourcePath(id), 'utf8'));

async function compile(id: string): Promise<Optimizer> {
  const source = program(id);
  const parsed = parseHp(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return loadReaderOptimizer(source, parsed.hp, dataUrl);
}

/** Gradients that change sign and size from step to step, so that every state a rule keeps matters. */
const gradients = (shape: number[], steps: number): number[][] =>
  Array.from({ length: steps }, (_, t) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(1.7 * i + 2.3 * t + 0.4) * (1 + 0.5 * t)));

/** `steps` updates of `o` from `start`: each step's parameter, and the point where the model is evaluated. */
function walk(o: Optimizer, hp: Record<string, number>, shape: number[], steps: number): { params: number[][]; evals: number[][] } {
  return tidy(() => {
    let param: Tensor = tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => 0.3 * i - 0.5), shape);
    let state: State = o.init(param);
    const params: number[][] = [];
    const evals: number[][] = [];
    gradients(shape, steps).forEach((g, t) => {
      [param, state] = o.update(param, tensor(g, shape), state, hp, t + 1);
      params.push([...param.dataSync()]);
      evals.push([...(o.evalPoint?.(param, state, hp) ?? param).dataSync()]);
    });
    return { params, evals };
  });
}

/** Moved away from the defaults where a default would leave a branch or a term asleep (no decay, no Nesterov, no warm-up). */
const moved: Record<string, Record<string, number>> = {
  muon: { nesterov: 0 },
  lars: { nesterov: 1, weightDecay: 0.01, eps: 1e-4 },
  lamb: { weightDecay: 0.01 },
  lion: { weightDecay: 0.01, lr: 0.01 },
  adafactor: { weightDecay: 0.01 },
  'schedule-free-adamw': { warmupSteps: 2, r: 1, weightDecay: 0.01 },
};

beforeAll(async () => {
  await setBackend('cpu');
});

describe('“Start from…” every built-in rule', () => {
  it('offers every rule of the guide, or says why not', () => {
    const all = Object.keys(optimizers);
    expect([...startFromIds, ...notOffered.map((n) => n.id)].sort()).toEqual([...all].sort());
    expect(startFromGroups.find((g) => g.label === 'Frontier rules')!.ids).toEqual(frontierIds.filter((id) => id !== 'shampoo'));
    expect(notOffered).toEqual([{ id: 'shampoo', why: expect.stringMatching(/inverse matrix roots need an eigendecomposition/) }]);
    // The exercises and the playground offer the same frontier rules: the ones the operations express.
    expect(frontierIds.filter((id) => !Object.hasOwn(inexpressible, id))).toEqual([...frontierExerciseIds]);
  });

  it.each(startFromIds)('%s: the program compiles in the sandbox and updates a matrix and a vector as the built-in does, step for step', async (id) => {
    const builtIn = optimizers[id];
    const mine = await compile(id);
    expect(mine.scope === 'matrix').toBe(builtIn.scope === 'matrix');
    expect(!!mine.evalPoint).toBe(!!builtIn.evalPoint);
    // lr as the program has it (a few digits), so that both take the same steps; large enough that they move.
    const hp = { ...builtIn.defaults, lr: id === 'adadelta' || id === 'lars' ? 1 : 0.05, ...moved[id] };
    const before = memory().numTensors;
    for (const shape of takesAnyShape(id) ? [[2, 3], [3]] : [[2, 3], [3, 2]]) {
      const want = walk(builtIn, hp, shape, 4);
      const got = walk(mine, hp, shape, 4);
      got.params.forEach((p, t) => p.forEach((x, i) => expect(x, `${id} ${shape} step ${t + 1}, entry ${i}`).toBeCloseTo(want.params[t][i], 6)));
      got.evals.forEach((p, t) => p.forEach((x, i) => expect(x, `${id} ${shape} evaluated at step ${t + 1}`).toBeCloseTo(want.evals[t][i], 6)));
      expect(want.params.at(-1)).not.toEqual(walk(builtIn, hp, shape, 1).params[0]); // it moved after step 1
    }
    expect(memory().numTensors).toBe(before);
  });

  it('writes the rule’s hyperparameters as the hp object, and its scope and evaluation point where it has them', () => {
    expect(program('muon')).toContain("const hp = { lr: 0.001, momentum: 0.95, nesterov: 1, weightDecay: 0.1, nsSteps: 5, eps: 1e-7 };\nconst scope = 'matrix';");
    expect(program('muon')).toMatch(/^function init\(param\) \{\n {2}if \(param\.rank !== 2\) throw/m);
    expect(program('schedule-free-adamw')).toMatch(/^function evalPoint\(param, \{ z \}, \{ beta1 \}\) \{\n {2}return div\(sub\(param, mul\(1 - beta1, z\)\), beta1\);\n\}$/m);
    expect(program('adafactor')).toMatch(/^function init\(param\) \{\n {2}if \(param\.rank < 2\) return \{ v: zerosLike\(param\) \};/m);
    expect(program('sgd')).toContain('function init(param) {\n  return {};\n}');
    expect(() => program('shampoo')).not.toThrow(); // its text is there, but its ops are not: the menu does not offer it
  });

  it('the menu loads each rule’s file on demand and gives its program', async () => {
    for (const id of startFromIds) expect(await startFrom(id), id).toBe(program(id));
  });

  it('Shampoo’s text would not run in the sandbox (TypeScript, and helpers outside its update): the menu says why instead of offering it', async () => {
    await expect(compile('shampoo')).rejects.toThrow(/^(SyntaxError|ReferenceError): /);
  });
});
