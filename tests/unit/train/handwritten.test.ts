import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../../src/train/tf';
import { BatchOrder } from '../../../src/train/batches';
import { deriveSeed } from '../../../src/train/random';
import { createTrainer, Trainer } from '../../../src/train/trainer';
import { HandwrittenMlp } from '../../../scripts/bench/handwritten';
import { digitsConfig, handwrittenFor, referenceConfig } from '../../../scripts/bench/rows';

// The bench's speed limit is only a limit if it computes what the engine computes.
beforeAll(ready);

const live: Trainer[] = [];
afterEach(() => live.splice(0).forEach((t) => t.dispose()));

describe('the bench’s hand-written network', () => {
  it.each(['sgd', 'adam'] as const)('follows the engine step for step with %s', (update) => {
    const config = referenceConfig(update, 100);
    const engine = new Trainer(config);
    live.push(engine);
    const net = new HandwrittenMlp({
      units: [2, ...config.hidden, 1], theta: engine.parameters(), x: engine.data.xTrain, y: engine.data.yTrain,
      update, lr: config.hyper!.lr,
    });
    expect(net.loss()).toBeCloseTo(engine.losses().train, 5);
    for (let i = 0; i < 20; i++) {
      engine.train(1);
      net.step();
    }
    // float32 in both, summed in different orders: equal to rounding
    engine.parameters().forEach((x, i) => expect(net.theta[i]).toBeCloseTo(x, 4));
    expect(net.loss()).toBeCloseTo(engine.losses().train, 4);
  });

  it('follows the engine on the digits (softmax over 10 classes, mini-batches of 32) given the engine’s batches', async () => {
    const config = digitsConfig('adam');
    const engine = await createTrainer(config);
    live.push(engine);
    const net = await handwrittenFor(config);
    expect(Array.from(net.theta)).toEqual(Array.from(engine.parameters()));
    expect(net.loss()).toBeCloseTo(engine.losses().train, 5);
    // The engine's own batch order (trainer.ts), so both see the same points; 30 steps cross an epoch's end (898 = 28·32 + 2).
    const order = new BatchOrder(engine.data.trainSize, engine.batchSize, deriveSeed(config.seed, 'batches'));
    for (let i = 0; i < 30; i++) {
      engine.train(1);
      net.step(order.next());
    }
    engine.parameters().forEach((x, i) => expect(net.theta[i]).toBeCloseTo(x, 4));
    expect(net.loss()).toBeCloseTo(engine.losses().train, 4);
    expect(net.loss()).toBeLessThan(Math.log(10) - 0.05); // it did learn something
  });

  it('learns from mini-batches of its own order and refuses a batch larger than batchSize', async () => {
    const net = await handwrittenFor(digitsConfig('sgd'));
    const before = net.loss();
    for (let i = 0; i < 29; i++) net.step(); // one epoch: 28 batches of 32 and one of 2
    expect(net.loss()).toBeLessThan(before);
    expect(() => net.step(Int32Array.from({ length: 33 }, (_, i) => i))).toThrow(/more than batchSize/);
  });
});
