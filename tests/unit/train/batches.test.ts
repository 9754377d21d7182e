import { describe, expect, it } from 'vitest';
import { BatchOrder } from '../../../src/train/batches';

/** The batches of the next `epochs` epochs, as plain arrays. */
const take = (order: BatchOrder, epochs: number) =>
  Array.from({ length: epochs * order.batchesPerEpoch }, () => Array.from(order.next()));

describe('BatchOrder', () => {
  it('cuts each epoch into ⌈size / batchSize⌉ batches, the remainder last', () => {
    const order = new BatchOrder(10, 4, 1);
    expect(order.batchesPerEpoch).toBe(3);
    expect(take(order, 2).map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2]);
  });

  it('visits every point exactly once per epoch', () => {
    const order = new BatchOrder(23, 5, 7);
    for (let epoch = 0; epoch < 4; epoch++) {
      const seen = take(order, 1).flat().sort((a, b) => a - b);
      expect(seen).toEqual([...Array(23).keys()]);
    }
  });

  it('reshuffles every epoch', () => {
    const order = new BatchOrder(30, 10, 3);
    const [a, b, c] = [take(order, 1).flat(), take(order, 1).flat(), take(order, 1).flat()];
    expect(b).not.toEqual(a);
    expect(c).not.toEqual(b);
    expect(a).not.toEqual([...Array(30).keys()]);
  });

  it('gives the same order for the same seed and another for another seed', () => {
    expect(take(new BatchOrder(50, 8, 11), 3)).toEqual(take(new BatchOrder(50, 8, 11), 3));
    expect(take(new BatchOrder(50, 8, 12), 1)).not.toEqual(take(new BatchOrder(50, 8, 11), 1));
  });

  it('hands out arrays the next epoch does not overwrite', () => {
    const order = new BatchOrder(6, 6, 1);
    const first = order.next();
    const copy = Array.from(first);
    order.next();
    expect(Array.from(first)).toEqual(copy);
  });

  it('rejects sizes that are not whole numbers ≥ 1', () => {
    expect(() => new BatchOrder(0, 1, 1)).toThrow(/size/);
    expect(() => new BatchOrder(10, 0, 1)).toThrow(/batchSize/);
    expect(() => new BatchOrder(10, 2.5, 1)).toThrow(/batchSize/);
  });
});
