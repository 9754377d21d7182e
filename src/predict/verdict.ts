/**
 * What a Predict's race says, and how the reader's answer compares with it.
 * The page decides from the race's final standings and the unit test from a
 * re-run of the setup, both with these functions (the leaderboard's rule for
 * the winner, the same reading of a run's number), so the answer key and the
 * page cannot disagree. Loaded by the page when a race finishes (it brings
 * the leaderboard's module); what the page needs before that is question.ts.
 */
import { leaderboard, type Standing } from '../widgets/views';
import { fmt } from '../widgets/dom';
import { DIVERGES_CHOICES, quantities, type Question, type Quantity, type Tolerance } from './question';

/** A number as the verdict and the answer key write it: the page's format, with its unit. */
export const said = (x: number, read: Quantity) => `${fmt(x)}${quantities[read].unit}`;

/** "Answers within ±25 % of the run's training loss count as right.": the tolerance rule, as the question states it. */
export function ruleText(tolerance: Tolerance, read: Quantity): string {
  const within = 'relative' in tolerance
    ? `±${Number((100 * tolerance.relative).toPrecision(3))} %`
    : `±${fmt(tolerance.absolute)}${read === 'accuracy' ? ' percentage points' : ''}`;
  return `Answers within ${within} of the run's ${quantities[read].name} count as right.`;
}

/** The index of the winning run, or -1 when no run finished (all diverged or broken). */
export function winnerOf(standings: Standing[]): number {
  const first = leaderboard(standings)[0];
  const s = standings[first];
  return s && s.error === undefined && !s.diverged && Number.isFinite(s.train) ? first : -1;
}

/** Whether run `run` diverged (a run that could not start did not). */
export const divergedOf = (standings: Standing[], run: number): boolean => standings[run]?.error === undefined && !!standings[run]?.diverged;

/** The number a question reads off run `run`: NaN where that run diverged or could not run, since it has no honest value. */
export function valueOf(standings: Standing[], run: number, read: Quantity): number {
  const s = standings[run];
  if (!s || s.error !== undefined || s.diverged) return NaN;
  return quantities[read].of(s);
}

/**
 * The typed numbers that count as right for a run's value: the tolerance either
 * side, within what the quantity can be (a loss is never negative, an accuracy
 * never above 100 %). [NaN, NaN] when the value is not a number.
 */
export function rangeOf(value: number, tolerance: Tolerance, read: Quantity): [number, number] {
  const half = 'relative' in tolerance ? tolerance.relative * Math.abs(value) : tolerance.absolute;
  return [Math.max(0, value - half), Math.min(quantities[read].max, value + half)];
}

export interface Verdict {
  text: string;
  right: boolean;
}

/** "You said X · the run says Y", and whether they agree: the winner kind. */
export function verdict(choices: string[], answer: number, winner: number): Verdict {
  const run = winner < 0 ? 'every run diverged' : choices[winner];
  const right = answer === winner;
  return { text: `You said ${choices[answer] ?? '—'} · the run says ${run}${right ? ' — right.' : '.'}`, right };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The reader's answer beside the run's, for any kind of question. */
export function judge(q: Question, answer: number, standings: Standing[], choices: string[]): Verdict {
  if (q.kind === 'winner') return verdict(choices, answer, winnerOf(standings));
  if (q.kind === 'diverges') {
    const outcome = divergedOf(standings, q.run) ? 0 : 1;
    const right = answer === outcome;
    return { text: `You said ${lower(DIVERGES_CHOICES[answer] ?? '—')} · ${q.label} ${outcome === 0 ? 'diverged' : 'trained to the end'}${right ? ' — right.' : '.'}`, right };
  }
  const value = valueOf(standings, q.run, q.read);
  const you = `You said ${said(answer, q.read)}`;
  if (!Number.isFinite(value)) return { text: `${you} · the run diverged, so it has no ${quantities[q.read].name} to compare.`, right: false };
  const [lo, hi] = rangeOf(value, q.tolerance, q.read);
  const right = answer >= lo && answer <= hi;
  const range = `${said(lo, q.read)} to ${said(hi, q.read)}`;
  return { text: `${you} · the run says ${said(value, q.read)} — ${right ? `right: anything from ${range} counts.` : `anything from ${range} would have counted.`}`, right };
}
