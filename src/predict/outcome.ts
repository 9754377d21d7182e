/**
 * A Predict's spec, read at build time: its race's setup (read with the race's
 * own schema), the answers it offers, the part of it the page needs, and what
 * is wrong with it. Not shipped to the page; the page's side is verdict.ts.
 */
import { parseSettings } from '../widgets/schema';
import { raceSchema } from '../widgets/specs';
import { trainerConfig } from '../widgets/training';
import { runLabel } from '../widgets/views';
import { datasets, type DatasetId } from '../train/datasets';
import type { TrainerConfig } from '../train/trainer';
import type { PredictSpec } from './predicts';
import { DIVERGES_CHOICES, quantities, type Question } from './question';

/** The race's settings from a Predict's attributes (a broken setup is a build error, not a silent default). */
function raceSettings(race: Record<string, string>) {
  const { values, notes } = parseSettings(raceSchema, (n) => race[n] ?? null);
  if (notes.length) throw new Error(`<Predict> race: ${notes.join('; ')}`);
  return values;
}

/** The race's run labels, as its legend shows them (a winner question's answers). */
export function choicesOf(race: Record<string, string>): string[] {
  const s = raceSettings(race);
  return s.optimizers.map((r) => runLabel(r, s.dataset as DatasetId));
}

/** One trainer config per run, as the page's race builds them. */
export function raceTrainerConfigs(race: Record<string, string>): TrainerConfig[] {
  const s = raceSettings(race);
  return s.optimizers.map((r) => trainerConfig(s, r.optimizer, r.hyper));
}

/** The answers a reader picks from: the runs, or diverges / trains; none for a number, which is typed. */
export function answersOf(p: PredictSpec): string[] {
  if (p.kind === 'diverges') return [...DIVERGES_CHOICES];
  if (p.kind === 'number') return [];
  return choicesOf(p.race);
}

/** What the page needs to judge an answer: the question without its answer key. */
export function questionOf(p: PredictSpec): Question {
  if (p.kind === 'diverges') return { kind: 'diverges', run: p.run, label: choicesOf(p.race)[p.run] };
  if (p.kind === 'number') return { kind: 'number', run: p.run, read: p.read, tolerance: p.tolerance };
  return { kind: 'winner' };
}

const isIndex = (i: unknown, length: number) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < length;

/**
 * What is wrong with a spec, in words (empty: nothing). Checked at build time
 * (predictById) and by the unit test for every spec, so a question that cannot
 * be asked, or answered from its race, never reaches a page.
 */
export function predictProblems(p: PredictSpec): string[] {
  const out: string[] = [];
  if (!/^predict-[a-z0-9]+(-[a-z0-9]+)*$/.test(p.id) || p.id.length > 34) out.push(`id "${p.id}": predict-…, lowercase words and hyphens, at most 34 characters`);
  if (!p.question.trim().endsWith('?')) out.push('the question must end with a question mark');
  if (p.goal.trim().length < 20) out.push('the learning goal must say what the reader should understand');
  const { notes } = parseSettings(raceSchema, (n) => p.race[n] ?? null);
  if (notes.length) return [...out, `race: ${notes.join('; ')}`];
  for (const k of ['step', 'lock', 'hide', 'id']) if (k in p.race) out.push(`race: "${k}" is set by <Predict>, not the spec`);
  if (!('steps' in p.race)) out.push('race: give "steps", the step the question is about');
  // The answer key comes from one re-run per race; several seeds would be a different question.
  if (Number(p.race.seeds ?? 1) !== 1) out.push('race: one seed only');
  const s = raceSettings(p.race);
  const runs = s.optimizers.length;
  if (p.kind === 'diverges' || p.kind === 'number') {
    if (!isIndex(p.run, runs)) out.push(`run ${p.run}: the race has runs 0 to ${runs - 1}`);
  }
  if (p.kind === 'diverges' && typeof p.diverges !== 'boolean') out.push('diverges: true or false');
  if (p.kind === 'number') {
    if (!(p.read in quantities)) out.push(`read "${p.read}": one of ${Object.keys(quantities).join(', ')}`);
    if (p.read === 'accuracy' && datasets[s.dataset as DatasetId].task !== 'classification') out.push(`read "accuracy": ${s.dataset} is not a classification set`);
    const t = p.tolerance as Record<string, unknown>;
    const keys = Object.keys(t ?? {});
    if (keys.length !== 1 || !['relative', 'absolute'].includes(keys[0])) out.push('tolerance: { relative } or { absolute }, one of them');
    else if ('relative' in t && !((t.relative as number) > 0 && (t.relative as number) < 1)) out.push('tolerance.relative: between 0 and 1 (0.25 is ±25 %)');
    else if ('absolute' in t && !((t.absolute as number) > 0 && Number.isFinite(t.absolute))) out.push('tolerance.absolute: a positive number');
  }
  if (p.kind === undefined || p.kind === 'winner') {
    if (!isIndex(p.answer, runs)) out.push(`answer ${p.answer}: the race has runs 0 to ${runs - 1}`);
    if (p.last !== undefined && (!isIndex(p.last, runs) || p.last === p.answer)) out.push(`last ${p.last}: another run of the race`);
    if ((p.diverged ?? []).some((i) => !isIndex(i, runs) || i === p.answer)) out.push('diverged: runs of the race, not the winner');
  } else if (!['diverges', 'number'].includes(p.kind)) out.push(`kind "${String(p.kind)}": winner, diverges or number`);
  return out;
}
