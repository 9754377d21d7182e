import type { Optimizer } from './types';
import { muon } from './muon';
import { shampoo } from './shampoo';
import { adafactor } from './adafactor';
import { lamb } from './lamb';
import { lars } from './lars';
import { scheduleFreeAdamw } from './schedule-free-adamw';

/**
 * The post-2023 rules, by id. Kept out of the main registry (index.ts) until
 * the engine runs per-tensor and matrix-only rules on layered networks: many
 * widgets and their tests iterate that registry over flat parameter vectors,
 * which Muon refuses and on which the per-tensor rules would mean something else.
 */
export const frontierOptimizers: Record<string, Optimizer<any, any>> = Object.fromEntries(
  [muon, shampoo, adafactor, lamb, lars, scheduleFreeAdamw].map((o) => [o.id, o]),
);
