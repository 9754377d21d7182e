import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { Trainer } from '../../src/train/trainer';
import { loadDataset } from '../../src/train/datasets';
it('exp', { timeout: 900_000 }, async () => {
  await setBackend('cpu'); await loadDataset('digits');
  const run = (optimizer: string, hyper: Record<string, number>, batchSize: number, steps: number) => {
    const t = new Trainer({ dataset: 'digits', noise: 0, activation: 'tanh', optimizer, hyper, batchSize, seed: 1 });
    const out: string[] = [];
    for (const s of [100, 300, 1000].filter((x) => x <= steps)) {
      t.train(s - (out.length ? [100, 300, 1000][out.length - 1] : 0));
      const l = t.losses();
      out.push(`${s}: ${l.train.toFixed(3)}/${l.test.toFixed(3)}/${(l.testAccuracy * 100).toFixed(1)}`);
    }
    console.log(optimizer, JSON.stringify(hyper), 'b', batchSize, out.join('  '), t.diverged ? 'DIVERGED' : '');
    t.dispose();
  };
  run('sgd', { lr: 1.6 }, 32, 300);
  run('sgd', { lr: 0.4 }, 32, 300);
  run('lars', { lr: 10 }, 32, 300);
  run('lamb', { lr: 0.01 }, 32, 300);
});
