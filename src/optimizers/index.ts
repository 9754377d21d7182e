import type { Optimizer } from './types';
import { sgd } from './sgd';
import { momentum } from './momentum';
import { nesterov } from './nesterov';
import { adagrad } from './adagrad';
import { rmsprop } from './rmsprop';
import { adadelta } from './adadelta';
import { adam } from './adam';
import { amsgrad } from './amsgrad';
import { adamw } from './adamw';
import { adamax } from './adamax';
import { nadam } from './nadam';
import { radam } from './radam';
import { lion } from './lion';
import { momentumKeras } from './momentum-keras';
import { nesterovKeras } from './nesterov-keras';
import { rmspropKeras } from './rmsprop-keras';
import { adagradKeras } from './adagrad-keras';
import { adamKeras } from './adam-keras';
import { adamNobias } from './adam-nobias';
import { frontierOptimizers } from './frontier';

export type { Optimizer, HyperSpec, Hyper, State } from './types';

/** Every optimizer and framework variant, by id. */
export const optimizers: Record<string, Optimizer<any, any>> = Object.fromEntries(
  [
    sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, amsgrad, adamw, adamax, nadam, radam, lion,
    momentumKeras, nesterovKeras, rmspropKeras, adagradKeras, adamKeras, adamNobias,
    ...Object.values(frontierOptimizers),
  ].map((o) => [o.id, o]),
);

/** The frontier rules, in the order the guide teaches them (after Lion). */
export const frontierIds = Object.keys(frontierOptimizers);

/** True for a rule that can update any parameter tensor (Muon takes weight matrices only). */
export const takesAnyShape = (id: string): boolean => optimizers[id]?.scope !== 'matrix';

/** The base optimizers (PyTorch conventions) in the order the guide teaches them. */
export const baseOptimizerIds = [
  'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adadelta',
  'adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam', 'lion',
] as const;

/** The framework variants of a base optimizer: `variantsOf('adam')` → [adam:keras]. */
export function variantsOf(id: string): Optimizer<any, any>[] {
  return Object.values(optimizers).filter((o) => o.id.startsWith(`${id}:`));
}

/**
 * Where an optimizer's source lives, relative to the repository root: one file
 * per id, with the variant's ':' spelled '-' ("adam:keras" → adam-keras.ts).
 */
export function sourcePath(id: string): string {
  return `src/optimizers/${id.replace(':', '-')}.ts`;
}
