import type { Hyper, Optimizer } from './types';

/** A constraint on one number: a test, and the words that describe it in an error. */
export interface Rule {
  ok: (x: number) => boolean;
  says: string; // completes "lr must be …"
}

export const nonNegative: Rule = { ok: (x) => x >= 0, says: 'be ≥ 0' };
export const unitInterval: Rule = { ok: (x) => x >= 0 && x < 1, says: 'be in [0, 1)' };
export const positive: Rule = { ok: (x) => x > 0, says: 'be > 0' };
const nonPositive: Rule = { ok: (x) => x <= 0, says: 'be ≤ 0' };
const atLeastOne: Rule = { ok: (x) => x >= 1, says: 'be ≥ 1' };
const openUnitInterval: Rule = { ok: (x) => x > 0 && x < 1, says: 'be in (0, 1)' };
const wholeAtLeast = (min: number): Rule => ({ ok: (x) => Number.isInteger(x) && x >= min, says: `be a whole number ≥ ${min}` });
const zeroOrOne: Rule = { ok: (x) => x === 0 || x === 1, says: 'be 0 or 1 (off or on)' };

/** Constraints by hyperparameter name, as PyTorch checks them (a decay rate of 1 never forgets). */
const hyperRules: Record<string, Rule> = {
  lr: nonNegative,
  eps: nonNegative,
  weightDecay: nonNegative,
  momentumDecay: nonNegative,
  initialAccumulator: nonNegative,
  beta1: unitInterval,
  beta2: unitInterval,
  rho: unitInterval,
  momentum: unitInterval,
  nesterov: zeroOrOne,                // Muon, LARS: a switch
  nsSteps: wholeAtLeast(1),           // Muon: Newton–Schulz iterations
  trustCoefficient: positive,         // LARS
  beta2Decay: nonPositive,            // Adafactor: 1 − β₂,t = t^beta2Decay must not grow
  eps1: nonNegative,                  // Adafactor
  eps2: nonNegative,                  // Adafactor
  d: atLeastOne,                      // Adafactor's clipping threshold (PyTorch requires d ≥ 1)
  warmupSteps: wholeAtLeast(0),       // schedule-free
  weightLrPower: nonNegative,         // schedule-free: lrMax^p with lrMax = 0 at η = 0
};

/**
 * Where one optimizer needs a tighter range than the name's general rule:
 * Shampoo's preconditioners start at εI and need ε > 0 to be invertible, and
 * schedule-free's averaged point x = (y − (1−β₁)z)/β₁ divides by β₁.
 */
const ruleOverrides: Record<string, Record<string, Rule>> = {
  shampoo: { eps: positive },
  'schedule-free-adamw': { beta1: openUnitInterval },
};

/**
 * Check that `value` is a finite number satisfying `rule`, or throw an Error
 * naming its owner and parameter, e.g. "adam: beta1 must be in [0, 1), got 1.5".
 */
export function checkNumber(owner: string, name: string, value: unknown, rule?: Rule): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${owner}: ${name} must be a finite number, got ${show(value)}`);
  }
  if (rule && !rule.ok(value)) {
    throw new Error(`${owner}: ${name} must ${rule.says}, got ${show(value)}`);
  }
  return value;
}

/** Check names (against those of `defaults`) and values, and return the values merged over `defaults`. */
export function mergeChecked<P extends Record<string, number>>(
  owner: string,
  noun: string,
  defaults: P,
  given: Partial<Record<string, unknown>>,
  ruleFor: (name: string) => Rule | undefined,
): P {
  const merged: Record<string, number> = { ...defaults };
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    // Own names only: `in` would take toString or constructor for hyperparameters.
    if (!Object.hasOwn(defaults, name)) {
      const known = Object.keys(defaults).join(', ') || 'none';
      throw new Error(`${owner}: unknown ${noun} '${name}' (expected: ${known})`);
    }
    merged[name] = checkNumber(owner, name, value, ruleFor(name));
  }
  return merged as P;
}

/**
 * Validate hyperparameters for `opt` and return the complete set, `hp` merged
 * over the optimizer's defaults. Throws on unknown names, on non-finite
 * values and on values outside what the update rule allows.
 */
export function validateHyper<H extends Hyper>(
  opt: Pick<Optimizer<H, any>, 'id' | 'defaults'>,
  hp: Partial<Record<string, unknown>> = {},
): H {
  const overrides = Object.hasOwn(ruleOverrides, opt.id) ? ruleOverrides[opt.id] : {};
  return mergeChecked(opt.id, 'hyperparameter', opt.defaults, hp, (name) =>
    Object.hasOwn(overrides, name) ? overrides[name] : hyperRules[name],
  );
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
