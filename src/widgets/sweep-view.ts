/**
 * The trainer's range-test mode, as pure functions of its numbers: the sweep's
 * points (loss and accuracy against the rate of the step just taken), its
 * status line with both reading rules, and its data table.
 */
import { schedules, sweepIds, validateSchedule } from '../optimizers/schedules';
import { lossReadings, smithBounds, type SweepPoint } from '../train/range-test';
import { fmt } from './dom';
import { percent, thin, type TableRows } from './views';

/** True when the schedule is one of the range test's sweeps: the trainer then plots against the rate. */
export const isSweep = (schedule: string): boolean => sweepIds.includes(schedule);

/**
 * The sweep's points from the loss history: the row at step s (s ≥ 1) was measured
 * after the update of step s, whose rate is the schedule's η at k = s − 1.
 */
export function sweepPoints(
  rows: readonly { step: number; train: number; accuracy: number | null }[],
  schedule: string,
  params: Record<string, number>,
): SweepPoint[] {
  const s = schedules[schedule];
  const p = validateSchedule(s, params);
  return rows.filter((r) => r.step >= 1).map((r) => ({ step: r.step, lr: s.lr(r.step - 1, NaN, p), loss: r.train, accuracy: r.accuracy }));
}

/** What the two reading rules say about the sweep so far. */
export function sweepStatus(points: readonly SweepPoint[]): string {
  const loss = lossReadings(points);
  const smith = smithBounds(points);
  const parts = [
    loss
      ? `fast.ai: steepest fall at η ${fmt(loss.steep)}; lowest loss at η ${fmt(loss.lowest)}, a tenth of it ${fmt(loss.minimum)}`
      : 'fast.ai: not enough points yet',
  ];
  if (points.some((p) => p.accuracy !== null)) {
    parts.push(smith ? `Smith: accuracy starts to rise at η ${fmt(smith.lower)} and peaks at η ${fmt(smith.upper)}` : 'Smith: accuracy has not risen yet');
  }
  return parts.join(' · ');
}

/** The sweep's data table: rate, loss and (classification) accuracy, about a dozen rows. */
export function sweepTable(points: readonly SweepPoint[]): TableRows {
  const accuracy = points.some((p) => p.accuracy !== null);
  return {
    head: ['step', 'learning rate', 'train loss', ...(accuracy ? ['test accuracy'] : [])],
    body: thin([...points]).map((p) => [String(p.step), fmt(p.lr), fmt(p.loss), ...(accuracy ? [percent(p.accuracy ?? NaN)] : [])]),
  };
}
