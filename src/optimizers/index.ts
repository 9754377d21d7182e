import type { Optimizer } from './types';
import { sgd } from './sgd';

export type { Optimizer, HyperSpec, Hyper, State } from './types';

/** Every optimizer and framework variant, by id. */
export const optimizers: Record<string, Optimizer<any, any>> = Object.fromEntries(
  [sgd].map((o) => [o.id, o]),
);
