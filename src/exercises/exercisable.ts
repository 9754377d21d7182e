/**
 * Which rules have an exercise, and what their graded cases look like. The 13
 * classic rules are elementwise and are graded on vectors. Five frontier rules
 * can be written with the exercise operations too: LAMB and LARS (norms of a
 * whole tensor), schedule-free AdamW (scalars in its state), and, on matrices,
 * Muon (Newton–Schulz needs matMul and transpose) and Adafactor (its factored
 * second moment needs rows and columns). Shampoo is left out: its inverse
 * fourth roots need an eigendecomposition, which no exercise operation offers.
 */
import { baseOptimizerIds } from '../optimizers';
import type { Hyper } from '../optimizers/types';

export const frontierExerciseIds = ['muon', 'adafactor', 'lamb', 'lars', 'schedule-free-adamw'] as const;

/** The rules the exercise operations cannot express, and why: neither an exercise nor the playground's "Start from…" offers them. */
export const inexpressible: Readonly<Record<string, string>> = {
  shampoo: 'its inverse matrix roots need an eigendecomposition, which the tensor operations here lack',
};

/** Every exercise, in the order the guide teaches the rules. */
export const exerciseIds: readonly string[] = [...baseOptimizerIds, ...frontierExerciseIds];

export const hasExercise = (id: string): boolean => exerciseIds.includes(id);

/** How an exercise's cases differ from the default (vectors, hyperparameters moved by `perturb` alone). */
export interface CaseForm {
  /** Parameters and gradients are matrices (their shapes vary between cases). */
  matrix?: boolean;
  /**
   * Values for the hidden cases that move the hyperparameters, where scaling a
   * default would not exercise a branch: a 0/1 switch is flipped, a step count
   * stays a whole number.
   */
  moved?: Hyper;
}

const forms: Record<string, CaseForm> = {
  muon: { matrix: true, moved: { nesterov: 0, nsSteps: 3 } },
  adafactor: { matrix: true },
  lars: { moved: { nesterov: 1, eps: 1e-4 } },
  'schedule-free-adamw': { moved: { warmupSteps: 4, r: 1 } },
};

export const caseForm = (id: string): CaseForm => forms[id] ?? {};

/** A parameter of the shape the exercise's cases use, for reading the state's names off `init`. */
export const sampleShape = (id: string): number[] => (caseForm(id).matrix ? [2, 3] : [1]);
