/**
 * Reading a learning-rate range test: one short run while the rate rises
 * (the `linearSweep` or `exponentialSweep` schedule), its loss and accuracy
 * recorded against the rate of the step just taken. Two reading rules:
 *
 * - Smith (2017, section 3.3) reads **accuracy**: the cycle's lower bound is the
 *   rate at which accuracy starts to rise, the upper bound the rate at which it
 *   slows, turns ragged or falls. Smith reads these by eye; `smithBounds` puts
 *   a number on it: the first rate at which accuracy has made a tenth of its
 *   climb, and the rate at which it peaks.
 * - fast.ai's `lr_find` reads **loss** on a log axis: `steep`, the rate where
 *   the loss falls fastest per unit of log η, and `minimum`, a tenth of the
 *   rate at which the loss is lowest. It stops once the loss passes 4 times the
 *   best so far; so do the readings here. fast.ai smooths its mini-batch losses
 *   (a moving average); these are losses over the whole training set, which
 *   need no smoothing, but near the bottom of the curve they still wobble as
 *   the run jumps about, so `steep` is looked for on the descent only, up to
 *   the lowest loss, where fast.ai's advice puts it.
 *
 * Pure numbers, no TensorFlow: the widget and the tests share it.
 */

/** One point of the sweep: after a step at rate `lr`, the training loss and (classification) the test accuracy. */
export interface SweepPoint {
  step: number;
  lr: number;
  loss: number;
  accuracy: number | null;
}

/** fast.ai's stop: the loss has passed this many times the lowest seen. */
export const BLOW_UP_FACTOR = 4;

/** The points up to where the loss blows up (non-finite, or past 4× the best so far). */
export function beforeBlowUp(points: readonly SweepPoint[]): SweepPoint[] {
  let best = Infinity;
  const kept: SweepPoint[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.loss) || p.loss > BLOW_UP_FACTOR * best) break;
    best = Math.min(best, p.loss);
    kept.push(p);
  }
  return kept;
}

export interface LossReadings {
  /** fast.ai `steep`: the rate at the start of the steepest fall of the loss against log η, before its lowest point. */
  steep: number;
  /** The rate at which the loss is lowest. */
  lowest: number;
  /** fast.ai `minimum`: a tenth of `lowest`. */
  minimum: number;
}

/** fast.ai's two loss readings, or null with fewer than 3 usable points. */
export function lossReadings(points: readonly SweepPoint[]): LossReadings | null {
  const p = beforeBlowUp(points).filter((x) => x.lr > 0);
  if (p.length < 3) return null;
  const bottom = p.reduce((best, x, i) => (x.loss < p[best].loss ? i : best), 0);
  let steepest = 0;
  let slope = Infinity;
  for (let i = 0; i < bottom; i++) {
    const run = Math.log(p[i + 1].lr) - Math.log(p[i].lr);
    if (run <= 0) continue;
    const s = (p[i + 1].loss - p[i].loss) / run;
    if (s < slope) [slope, steepest] = [s, i];
  }
  const lowest = p[bottom].lr;
  return { steep: p[steepest].lr, lowest, minimum: lowest / 10 };
}

/** Smith's bounds read from accuracy, or null where there is none or it never rises. */
export function smithBounds(points: readonly SweepPoint[]): { lower: number; upper: number } | null {
  const p = beforeBlowUp(points).filter((x): x is SweepPoint & { accuracy: number } => x.accuracy !== null && Number.isFinite(x.accuracy));
  if (p.length < 3) return null;
  const start = p[0].accuracy;
  const peak = p.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  if (peak.accuracy <= start) return null;
  const rising = p.find((x) => x.accuracy >= start + 0.1 * (peak.accuracy - start))!;
  return { lower: rising.lr, upper: peak.lr };
}
