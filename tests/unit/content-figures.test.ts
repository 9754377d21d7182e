import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURVATURE, START } from '../../src/train/inspect';

/**
 * Numbers in the prose that follow from a formula. Each is found in its chapter by a pattern with
 * one capture and recomputed here, so an edit to the text or to a constant cannot leave them apart.
 */
interface Figure {
  chapter: string;
  pattern: RegExp; // must match exactly once; group 1 is the figure as written
  value: number;
  tolerance: number;
}

const beta1 = 0.9;
const beta2 = 0.999;
/** How many times too long Adam's step is without bias correction, for a steady gradient. */
const overshoot = (t: number) => (1 - beta1 ** t) / Math.sqrt(1 - beta2 ** t);
/** NAdam's momentum schedule; PyTorch passes ψ = 0.004, Keras 3 has no ψ (ψ = 1). */
const nadamMu = (t: number, psi: number) => beta1 * (1 - 0.5 * 0.96 ** (t * psi));
const firstStep = (from: number, holds: (t: number) => boolean) => {
  let t = from;
  while (!holds(t)) t++;
  return t;
};
const peakStep = firstStep(1, (t) => overshoot(t + 1) < overshoot(t));
const gradient = START.map((x, i) => CURVATURE[i] * x);

const figures: Figure[] = [
  // Adam without bias correction
  { chapter: 'adam', pattern: /by its inverse, [^:]*: (\d+(?:\.\d+)?) at \$t = 1\$/, value: overshoot(1), tolerance: 0.005 },
  { chapter: 'adam', pattern: /rising to a peak of (\d+(?:\.\d+)?) at/, value: overshoot(peakStep), tolerance: 0.005 },
  { chapter: 'adam', pattern: /rising to a peak of [\d.]+ at \$t = (\d+)\$/, value: peakStep, tolerance: 0 },
  { chapter: 'adam', pattern: /back to (\d+(?:\.\d+)?) at \$t = 100\$/, value: overshoot(100), tolerance: 0.005 },
  { chapter: 'adam', pattern: /still (\d+(?:\.\d+)?) at \$t = 1000\$/, value: overshoot(1000), tolerance: 0.005 },
  { chapter: 'adam', pattern: /time scale of \$1\/\(1-\\beta_2\) = (\d+)\$/, value: 1 / (1 - beta2), tolerance: 1e-9 },
  { chapter: 'adam', pattern: /below 10 % only at \$t = (\d+)\$/, value: firstStep(peakStep, (t) => overshoot(t) < 1.1), tolerance: 0 },
  { chapter: 'adam', pattern: /\$1 - 0\.999\^t\$ is only (\d+(?:\.\d+)?) after 105 steps/, value: 1 - beta2 ** 105, tolerance: 0.005 },
  { chapter: 'notation', pattern: /at \$t = 1000\$ it still multiplies \$v_t\$ by (\d+(?:\.\d+)?)/, value: 1 / (1 - beta2 ** 1000), tolerance: 0.005 },
  // Kingma and Ba's bound on one step (section 2.1): η(1 − β₁)/√(1 − β₂) when 1 − β₁ > √(1 − β₂), else η
  { chapter: 'adam', pattern: /With the defaults the bound is \$(\d+(?:\.\d+)?)\\,\\eta\$/, value: (1 - beta1) / Math.sqrt(1 - beta2), tolerance: 0.005 },
  { chapter: 'adam', pattern: /Without momentum, \$\\beta_1 = 0\$, it is \$(\d+(?:\.\d+)?)\\,\\eta\$/, value: 1 / Math.sqrt(1 - beta2), tolerance: 0.05 },
  { chapter: 'adam', pattern: /take a step of up to \$(\d+(?:\.\d+)?)\\,\\eta\$/, value: 1 / Math.sqrt(1 - beta2), tolerance: 0.05 },
  // The inspector's quadratic
  { chapter: 'adam', pattern: /quadratic \$\\tfrac12\(\\theta_1\^2 \+ (\d+)\\,\\theta_2\^2\)\$/, value: CURVATURE[1] / CURVATURE[0], tolerance: 0 },
  { chapter: 'adam', pattern: /starting from \$\((\d+), \d+\)\$/, value: START[0], tolerance: 0 },
  { chapter: 'adam', pattern: /starting from \$\(\d+, (\d+)\)\$/, value: START[1], tolerance: 0 },
  { chapter: 'adam', pattern: /coordinate is (\w+) times as curved/, value: CURVATURE[1] / CURVATURE[0], tolerance: 0 },
  { chapter: 'adam', pattern: /first gradient, \$\((\d+), \d+\)\$/, value: gradient[0], tolerance: 0 },
  { chapter: 'adam', pattern: /first gradient, \$\(\d+, (\d+)\)\$/, value: gradient[1], tolerance: 0 },
  { chapter: 'adam', pattern: /\(2, 10\)\$, is (\w+) times larger/, value: gradient[1] / gradient[0], tolerance: 0 },
  { chapter: 'adam', pattern: /their gradients differ (\w+)\./, value: gradient[1] / gradient[0], tolerance: 0 },
  { chapter: 'adagrad', pattern: /their gradients differ (\w+);/, value: gradient[1] / gradient[0], tolerance: 0 },
  { chapter: 'lion', pattern: /the gradients differ (\w+);/, value: gradient[1] / gradient[0], tolerance: 0 },
  // NAdam's momentum schedule in PyTorch and in Keras 3
  { chapter: 'adam-family', pattern: /ψ = 1\/(\d+)\./, value: 1 / 0.004, tolerance: 1e-9 },
  { chapter: 'adam-family', pattern: /With \$\\beta_1 = 0\.9\$, \$\\mu_1 = (\d+(?:\.\d+)?)\$/, value: nadamMu(1, 0.004), tolerance: 0.0005 },
  { chapter: 'adam-family', pattern: /\$\\mu_\{1000\} = (\d+(?:\.\d+)?)\$/, value: nadamMu(1000, 0.004), tolerance: 0.0005 },
  { chapter: 'adam-family', pattern: /\$\\mu_\{10\\,000\} = (\d+(?:\.\d+)?)\$/, value: nadamMu(10_000, 0.004), tolerance: 0.0005 },
  { chapter: 'adam-family', pattern: /the same curve run (\d+) times faster/, value: 1 / 0.004, tolerance: 1e-9 },
  { chapter: 'adam-family', pattern: /Its \$\\mu_1 = (\d+(?:\.\d+)?)\$/, value: nadamMu(1, 1), tolerance: 0.0005 },
  { chapter: 'adam-family', pattern: /\$\\mu_\{50\} = (\d+(?:\.\d+)?)\$/, value: nadamMu(50, 1), tolerance: 0.0005 },
  { chapter: 'adam-family', pattern: /from step (\d+) on \$\\mu_t\$ is within 1 % of/, value: firstStep(1, (t) => nadamMu(t, 1) >= 0.99 * beta1), tolerance: 0 },
  { chapter: 'adam-family', pattern: /gets that close only after about ([\d,]+) steps/, value: firstStep(1, (t) => nadamMu(t, 0.004) >= 0.99 * beta1), tolerance: 500 },
];

const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
/** "23,959" → 23959; "five" and "fivefold" → 5. */
function parse(written: string): number {
  const word = written.toLowerCase().replace(/fold$/, '');
  return word in words ? words[word] : Number(written.replace(/,/g, ''));
}

const source = (slug: string) => readFileSync(new URL(`../../content/${slug}.mdx`, import.meta.url), 'utf8');

describe('figures computed from formulas', () => {
  it.each(figures.map((f) => [`${f.chapter}: ${f.pattern.source}`, f] as const))('%s', (_, { chapter, pattern, value, tolerance }) => {
    const matches = [...source(chapter).matchAll(new RegExp(pattern, 'g'))];
    expect(matches.length, 'the pattern finds the figure exactly once').toBe(1);
    const written = parse(matches[0][1]);
    expect(Number.isFinite(written), `"${matches[0][1]}" reads as a number`).toBe(true);
    expect(Math.abs(written - value), `written ${written}, computed ${value}`).toBeLessThanOrEqual(tolerance);
  });

  it('adam: with β₂ = 0.9 the bound is η itself, since 1 − β₁ is then not above √(1 − β₂)', () => {
    expect(source('adam')).toMatch(/With \$\\beta_2 = 0\.9\$, as short a memory as \$m\$'s, it is \$\\eta\$\./);
    expect(1 - beta1).toBeLessThanOrEqual(Math.sqrt(1 - 0.9));
    expect(1 - 0).toBeGreaterThan(Math.sqrt(1 - beta2)); // β₁ = 0: the first case
  });

  it('reads figures the way the prose writes them', () => {
    expect([parse('23,959'), parse('fivefold'), parse('ten'), parse('1.26')]).toEqual([23959, 5, 10, 1.26]);
  });
});
