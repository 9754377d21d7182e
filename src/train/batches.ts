import { createRandom, shuffle, type Random } from './random';

/**
 * The order in which mini-batches visit the training points: every epoch a
 * fresh seeded permutation of 0 … size − 1, cut into consecutive batches of
 * `batchSize`; the last batch of an epoch holds the remainder (PyTorch's
 * DataLoader with shuffle=True, drop_last=False). So every point is seen once
 * per epoch, and an epoch is exactly ⌈size / batchSize⌉ batches.
 */
export class BatchOrder {
  readonly batchesPerEpoch: number;
  private readonly random: Random;
  private readonly order: Int32Array;
  private position = 0; // next point of `order` to hand out

  constructor(readonly size: number, readonly batchSize: number, seed: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`batches: size must be a whole number ≥ 1, got ${size}`);
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`batches: batchSize must be a whole number ≥ 1, got ${batchSize}`);
    this.batchesPerEpoch = Math.ceil(size / batchSize);
    this.random = createRandom(seed);
    this.order = Int32Array.from({ length: size }, (_, i) => i);
  }

  /** Indices of the next batch (a new array: the next epoch reshuffles in place). */
  next(): Int32Array {
    if (this.position === 0) shuffle(this.order, this.random);
    const end = Math.min(this.position + this.batchSize, this.size);
    const batch = this.order.slice(this.position, end);
    this.position = end === this.size ? 0 : end;
    return batch;
  }
}
