import type { Optimizer } from './types';
import { muon } from './muon';
import { shampoo } from './shampoo';
import { adafactor } from './adafactor';
import { lamb } from './lamb';
import { lars } from './lars';
import { scheduleFreeAdamw } from './schedule-free-adamw';

/**
 * The frontier rules (2018–2025), by id, in the order the guide teaches them.
 * Most are defined per tensor or per weight matrix (their `scope`): the
 * trainer runs them per named tensor, and Muon only on hidden weight
 * matrices (src/train/groups.ts).
 */
export const frontierOptimizers: Record<string, Optimizer<any, any>> = Object.fromEntries(
  [muon, shampoo, adafactor, lamb, lars, scheduleFreeAdamw].map((o) => [o.id, o]),
);
