import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../../src/train/tf';
import { Trainer } from '../../../src/train/trainer';
import { HandwrittenMlp } from '../../../scripts/bench/handwritten';
import { referenceConfig } from '../../../scripts/bench/rows';

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
});
