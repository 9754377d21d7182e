/**
 * The conventions the site relies on, checked on every registered optimizer's
 * source file: formula lines and `// (k)` tags match up, the TeX renders, the
 * update method reads like the math (functional tfjs calls, destructured
 * hyperparameters), and `update` is pure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { baseOptimizerIds, optimizers, sourcePath, variantsOf, frontierIds } from '../../../src/optimizers';
import { frontierOptimizers } from '../../../src/optimizers/frontier';
import { findUpdateSource } from '../../../src/site/update-source';
import { validateHyper } from '../../../src/optimizers/validate';
import { useCpuBackend } from './helpers';

useCpuBackend();

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sourceOf = (id: string) => readFileSync(root + sourcePath(id), 'utf8');
const ids = Object.keys(optimizers);
// The conventions hold for the rules outside the registry too.
const all = { ...optimizers, ...frontierOptimizers };

describe('registry', () => {
  it('lists the 13 base optimizers in teaching order, all registered', () => {
    expect(baseOptimizerIds).toEqual([
      'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adadelta',
      'adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam', 'lion',
    ]);
    for (const id of baseOptimizerIds) expect(optimizers[id]?.id).toBe(id);
  });

  it('registers the frontier rules after them, in teaching order', () => {
    expect(frontierIds).toEqual(['muon', 'shampoo', 'adafactor', 'lamb', 'lars', 'schedule-free-adamw']);
    for (const id of frontierIds) expect(optimizers[id]).toBe(frontierOptimizers[id]);
  });

  it('every other id is a framework variant of a base optimizer, with a note', () => {
    for (const id of ids.filter((i) => !(baseOptimizerIds as readonly string[]).includes(i) && !frontierIds.includes(i))) {
      const [base, framework] = id.split(':');
      expect(baseOptimizerIds).toContain(base);
      expect(framework).toMatch(/^[a-z0-9]+$/);
      expect(optimizers[id].note, id).toBeTruthy();
      expect(variantsOf(base).map((o) => o.id)).toContain(id);
      // A variant keeps its base's hyperparameter names: only values and the rule differ.
      expect(Object.keys(optimizers[id].defaults).sort()).toEqual(Object.keys(optimizers[base].defaults).sort());
    }
    expect(variantsOf('adam').map((o) => o.id)).toEqual(['adam:keras', 'adam:nobias']);
    expect(variantsOf('adamw')).toEqual([]);
  });
});

describe.each(Object.keys(all))('%s', (id) => {
  const opt = all[id];
  const source = sourceOf(id);
  // Formula tags and KaTeX rendering are checked with the site's own code in tests/unit/update-source.test.ts.
  const update = findUpdateSource(source, id)!.code;

  it('has metadata for every hyperparameter and a sourced doc comment', () => {
    expect(Object.keys(opt.hyper).sort()).toEqual(Object.keys(opt.defaults).sort());
    for (const spec of Object.values(opt.hyper)) {
      expect(spec.label && spec.symbol).toBeTruthy();
      expect(spec.min).toBeLessThan(spec.max);
    }
    expect(opt.reference.url).toMatch(/^https:\/\//);
    const doc = source.slice(0, source.indexOf('export const'));
    expect(doc).toMatch(/\/\*\*[\s\S]*\$\$[\s\S]*\$\$[\s\S]*\*\//);
  });

  it('reads like the math: named functional tfjs imports, no chained tensor methods, no disposal', () => {
    expect(source).not.toMatch(/import \* as/);
    for (const m of source.matchAll(/import\s+(type\s+)?\{[^}]*\}\s+from\s+'([^']+)'/g)) {
      // ./linalg: Shampoo's eigendecomposition, which TensorFlow.js lacks.
      expect(['@tensorflow/tfjs-core', './types', './hyper', './linalg']).toContain(m[2]);
    }
    // A method call on anything but Math (x.mul(y), sqrt(v).add(e), …) is the chained style.
    const calls = [...update.matchAll(/([\w)\]]+)\.(\w+)\(/g)].filter(([, on]) => on !== 'Math');
    expect(calls.map(([c]) => c)).toEqual([]);
    expect(update).not.toMatch(/dispose|dataSync|arraySync|keep\(/);
  });

  it('destructures its hyperparameters in the parameter list', () => {
    const file = ts.createSourceFile('u.ts', `({ ${update} })`, ts.ScriptTarget.Latest, true);
    let params: ts.NodeArray<ts.ParameterDeclaration> | undefined;
    const visit = (n: ts.Node): void => {
      if (ts.isMethodDeclaration(n)) params = n.parameters;
      else ts.forEachChild(n, visit);
    };
    visit(file);
    expect(params?.[0].name.getText()).toBe('param');
    expect(params?.[1].name.getText()).toBe('grad');
    expect(params && ts.isObjectBindingPattern(params[3].name)).toBe(true);
  });

  it('update is pure: inputs survive unchanged and the same inputs give the same outputs', () => {
    const hp = validateHyper(opt, {});
    // Matrix-only rules get the same numbers as a 1×3 matrix.
    const shape = opt.scope === 'matrix' ? [1, 3] : [3];
    const param = tensor([0.3, -1.2, 2], shape);
    const grad = tensor([0.5, 0.25, -4], shape);
    // Advance a few steps so that the state is not all zeros.
    let state = opt.init(param);
    for (let t = 1; t <= 3; t++) state = opt.update(param, grad, state, hp, t)[1];
    const snapshot = (s: Record<string, Tensor>) =>
      Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.from(v.dataSync())]));
    const stateBefore = snapshot(state);
    const keysBefore = Object.keys(state);

    const [p1, s1] = opt.update(param, grad, state, hp, 4);
    const [p2, s2] = opt.update(param, grad, state, hp, 4);

    expect(param.isDisposed || grad.isDisposed).toBe(false);
    expect(Array.from(param.dataSync())).toEqual([0.3, -1.2, 2].map(Math.fround));
    expect(Array.from(grad.dataSync())).toEqual([0.5, 0.25, -4]);
    expect(Object.keys(state)).toEqual(keysBefore);
    expect(snapshot(state)).toEqual(stateBefore);
    expect(Array.from(p1.dataSync())).toEqual(Array.from(p2.dataSync()));
    expect(snapshot(s1)).toEqual(snapshot(s2));
    expect(Object.keys(s1).sort()).toEqual(keysBefore.sort());
  });
});
