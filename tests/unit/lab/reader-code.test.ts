import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { optimizers, sourcePath } from '../../../src/optimizers';
import { parseHp } from '../../../src/lab/hp';
import { lockDown, lockedMessage } from '../../../src/lab/lockdown';
import { loadReaderOptimizer, YOURS, type Loader } from '../../../src/lab/reader-code';
import { programFrom, starters, startFromIds } from '../../../src/lab/starters';
import { createTrainer, type TrainerConfig } from '../../../src/train/trainer';

// Node imports a data: URL as the browser's Worker imports a blob: URL: natively, with its own stack frames.
const dataUrl: Loader = (text) => {
  const url = `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`;
  return { url, load: () => import(/* @vite-ignore */ url) };
};

const load = (source: string) => {
  const parsed = parseHp(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return loadReaderOptimizer(source, parsed.hp, dataUrl);
};

const config = (optimizer: string, hyper: Record<string, number> = {}): TrainerConfig => ({
  dataset: 'moons', noise: 0.1, activation: 'tanh', optimizer, hyper, batchSize: 10, seed: 1, // the Lab playground's own setup (moons, noise 0.1, batches of 10, seed 1)
});

beforeAll(async () => {
  await setBackend('cpu');
});
afterEach(() => {
  delete optimizers[YOURS];
});

describe("the reader's optimizer", () => {
  it('trains a network as the built-in rule it copies: SGD typed in gives the built-in SGD’s losses', async () => {
    optimizers[YOURS] = await load(starters.sgd.source);
    const [mine, builtIn] = await Promise.all([createTrainer(config(YOURS)), createTrainer(config('sgd', { lr: 0.1 }))]);
    const start = mine.losses().train;
    mine.train(200);
    builtIn.train(200);
    expect(mine.losses().train).toBeLessThan(start * 0.8);
    expect(mine.losses().train).toBe(builtIn.losses().train);
    mine.dispose();
    builtIn.dispose();
  });

  it.each(startFromIds)('“Start from %s” is the guide’s own rule: the same losses after 30 steps', async (id) => {
    const program = programFrom(id, readFileSync(sourcePath(id), 'utf8'));
    optimizers[YOURS] = await load(program);
    const hyper = { ...optimizers[id].defaults, lr: id === 'adadelta' ? 1 : 0.01 };
    const [mine, builtIn] = await Promise.all([createTrainer(config(YOURS, hyper)), createTrainer(config(id, hyper))]);
    const before = memory().numTensors;
    mine.train(30);
    builtIn.train(30);
    expect(memory().numTensors).toBe(before);
    expect(mine.losses().train).toBeCloseTo(builtIn.losses().train, 6);
    expect(mine.losses().train).not.toBe(mine.losses().test); // it trained on its own batches
    mine.dispose();
    builtIn.dispose();
  });

  it('the starters load and take a step', async () => {
    for (const { source } of Object.values(starters)) await expect(load(source)).resolves.toMatchObject({ id: YOURS, name: 'Your optimizer' });
  });

  it('reports an exception with its message and the line of the reader’s code', async () => {
    const code = 'const hp = { lr: 0.1 };\nfunction init(p) { return {}; }\nfunction update(p, g, s, hp, t) {\n  const x = undefinedThing + 1;\n  return [p, s];\n}\n';
    await expect(load(code)).rejects.toThrow('ReferenceError: undefinedThing is not defined (line 4)');
    await expect(load('const hp = {};\nfunction init(p) { return {}; }\nfunction update(p, g, s) {\n  return [p, s]\n  ;{\n}')).rejects.toThrow(/SyntaxError/);
    await expect(load('const hp = {};\nfunction update(p, g, s) { return [p, s]; }')).rejects.toThrow('does not define a function named init');
    await expect(load('const hp = {};\nfunction init(p) { return {}; }\nfunction update(p, g, s) { return p; }')).rejects.toThrow('update must return [param, state]');
    await expect(load('const hp = {};\nfunction init(p) { return { m: 0 }; }\nfunction update(p, g, s) { return [p, s]; }')).rejects.toThrow('state.m is not a tensor');
    await expect(load('const hp = {};\nfunction init(p) { return {}; }\nfunction update(p, g, s) { return [sum(p), s]; }')).rejects.toThrow('shape [] for one of shape [3]');
  });

  it('an exception in a later step stops training with the line, and frees the step’s tensors', async () => {
    const code = 'const hp = { lr: 0.1 };\nfunction init(p) { return {}; }\nfunction update(p, g, s, { lr }, t) {\n  if (t === 5) throw new Error("boom at five");\n  return [sub(p, mul(lr, g)), s];\n}\n';
    optimizers[YOURS] = await load(code);
    const trainer = await createTrainer(config(YOURS));
    const before = memory().numTensors;
    expect(() => trainer.train(10)).toThrow('Error: boom at five (line 4)');
    expect(memory().numTensors).toBe(before);
    trainer.dispose();
  });

  it('NaN and ∞ count as divergence', async () => {
    for (const bad of ['div(p, 0)', 'mul(p, NaN)']) {
      optimizers[YOURS] = await load(`const hp = {};\nfunction init(p) { return {}; }\nfunction update(p, g, s) { return [${bad}, s]; }`);
      const trainer = await createTrainer(config(YOURS));
      trainer.train(1);
      expect(trainer.diverged).toBe(true);
      trainer.dispose();
    }
  });

  it('code reaching for the page, storage or the network gets an error saying why', () => {
    const scope: Record<string, unknown> = { fetch: () => 'fetched', postMessage: () => 'posted' };
    lockDown(scope);
    expect(() => (scope.fetch as () => void)()).toThrow(lockedMessage('fetch'));
    expect(() => scope.document).toThrow('document is not available to your optimizer');
    expect(() => scope.localStorage).toThrow(ReferenceError);
    expect(() => (scope.postMessage = () => {})).toThrow(lockedMessage('postMessage'));
  });
});
