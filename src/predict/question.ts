/**
 * A Predict's question as the page holds it before the run: its kind, and how
 * a typed answer is read and repeated back. Loaded with the page, so it
 * imports nothing that runs (the text-first budget); judging the answer
 * against the race's outcome, and every wording with formatted numbers, is
 * verdict.ts, loaded when a race ends.
 */
import type { Standing } from '../widgets/views';

/** A number a numeric question reads off one run of the race, at its last step. */
export type Quantity = 'train' | 'test' | 'accuracy';

/** How close a typed number must be: within ±relative × the run's value, or within ±absolute of it (in the quantity's unit). */
export type Tolerance = { relative: number } | { absolute: number };

/**
 * The question as the page needs it (the rest of the spec stays at build time):
 * which run ends lowest, whether one run (named by its label) diverges, or a
 * number read off one run.
 */
export type Question =
  | { kind: 'winner' }
  | { kind: 'diverges'; run: number; label: string }
  | { kind: 'number'; run: number; read: Quantity; tolerance: Tolerance };

/** The two answers of a "does it diverge?" question, in this order (the answer's index in the URL). */
export const DIVERGES_CHOICES = ['It diverges', 'It trains to the end'] as const;

/** How each quantity is named, read and bounded; accuracy in percent, as readers say it and the leaderboard shows it. */
export const quantities: Record<Quantity, { name: string; unit: string; max: number; of: (s: Standing) => number }> = {
  train: { name: 'training loss', unit: '', max: Infinity, of: (s) => s.train },
  test: { name: 'test loss', unit: '', max: Infinity, of: (s) => s.test ?? NaN },
  accuracy: { name: 'test accuracy', unit: ' %', max: 100, of: (s) => 100 * (s.accuracy ?? NaN) },
};

/**
 * A typed number: digits with a decimal point and an optional exponent, a
 * trailing % allowed (test accuracy is asked in percent), a decimal comma read
 * as a point unless it could be a thousands separator. Anything else, the
 * empty string included, is a problem to tell the reader, not a number.
 */
export function readNumber(text: string): { value: number } | { problem: string } {
  const trimmed = text.trim().replace(/\s*%$/, '').replace(/^−/, '-');
  if (trimmed === '') return { problem: 'Type a number first.' };
  // "1,000" could be a thousand or one: ask rather than guess.
  if (/^-?\d{1,3},\d{3}$/.test(trimmed)) return { problem: `Is “${text.trim()}” ${trimmed.replace(',', '')} or ${trimmed.replace(',', '.')}? Write it with a decimal point and no separators.` };
  const t = trimmed.replace(/^(-?\d*),(\d+)$/, '$1.$2');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return { problem: `“${text.trim()}” is not a number: type digits, such as 0.05.` };
  const value = Number(t);
  return Number.isFinite(value) ? { value } : { problem: 'That number is too large.' };
}

/** The reader's committed answer in the URL's form: a choice's index, or the number as typed (normalised). */
export function parseAnswer(q: Question, raw: string | undefined, choices: number): number | undefined {
  if (raw === undefined) return undefined;
  if (q.kind === 'number') {
    const read = readNumber(raw);
    return 'value' in read ? read.value : undefined;
  }
  const i = Number(raw);
  return /^\d+$/.test(raw) && i < choices ? i : undefined;
}

/** What the reader committed, as the hint repeats it back: the number as read (no formatting code on the page before a widget starts). */
export const answerText = (q: Question, answer: number, choices: string[]): string =>
  q.kind === 'number' ? `${answer}${quantities[q.read].unit}` : (choices[answer] ?? '—');
