/**
 * The rows of the Assignments page (content/assignments.mdx): every Predict
 * (src/predict/predicts.ts) and every exercise (content/exercises.mdx), each
 * with its permalink and learning goal. Pure, so the page and its test agree.
 */
import { chapters } from '../curriculum';
import answerKey from './answer-key.json';
import { choicesOf } from './outcome';
import { predicts, type PredictSpec } from './predicts';
import { DIVERGES_CHOICES, quantities } from './question';
import { rangeOf, said } from './verdict';

/** The numeric answers, by Predict id: computed by re-running each race (tests/unit/predicts.test.ts writes this file). */
export type AnswerKey = Record<string, number>;

export interface PredictRow {
  id: string;
  chapter: string;
  /** Site path of the Predict, scrolled to it (add the base when linking). */
  path: string;
  question: string;
  goal: string;
  /** The answer key: the run that ends first, whether the run diverges, or the run's number and whose it is. */
  answer: string;
  /** For a number, the answers that count as right: "0.06 to 0.1". */
  accepted?: string;
  /** The runs that diverge, where a winner question's explanation names them. */
  diverged: string[];
}

/** The key's line for one Predict; a number missing from the key is an error, not a blank. */
function answerOf(p: PredictSpec, key: AnswerKey): Pick<PredictRow, 'answer' | 'accepted' | 'diverged'> {
  const runs = choicesOf(p.race);
  if (p.kind === 'diverges') return { answer: `${runs[p.run]}: ${DIVERGES_CHOICES[p.diverges ? 0 : 1].toLowerCase()}`, diverged: [] };
  if (p.kind === 'number') {
    const value = key[p.id];
    if (typeof value !== 'number') throw new Error(`answer key: no number for ${p.id}; run \`npx vitest run tests/unit/predicts.test.ts -u\``);
    const [lo, hi] = rangeOf(value, p.tolerance, p.read);
    return { answer: `${said(value, p.read)}, the ${quantities[p.read].name} of ${runs[p.run]}`, accepted: `${said(lo, p.read)} to ${said(hi, p.read)}`, diverged: [] };
  }
  return { answer: runs[p.answer], diverged: (p.diverged ?? []).map((i) => runs[i]) };
}

export function predictRows(key: AnswerKey = answerKey): PredictRow[] {
  return predicts.map((p) => ({
    id: p.id,
    chapter: p.chapter,
    path: `/${p.chapter}/#${p.id}`,
    question: p.question,
    goal: p.goal,
    ...answerOf(p, key),
  }));
}

/** The Predicts of a chapter, in the book's order. */
export const predictsIn = (slug: string): string[] => predicts.filter((p) => p.chapter === slug).map((p) => p.id);

export interface ExerciseRow {
  optimizer: string;
  title: string;
  /** The heading's anchor on the exercises page, as Starlight writes it. */
  path: string;
  goal: string;
  /** The chapter that ends with this exercise, where there is one. */
  chapter?: string;
}

/** A heading's anchor as Starlight (github-slugger) makes it, for the plain headings the exercises page uses. */
export const anchorOf = (heading: string): string =>
  heading.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');

/**
 * The exercises page's sections — a heading, one sentence saying what to
 * write, then `<Exercise optimizer="…" />` — as rows, the sentence as the goal.
 */
export function exerciseRows(exercisesMdx: string): ExerciseRow[] {
  const found = [...exercisesMdx.matchAll(/^## (.+)\n\n([^\n]+)\n\n<Exercise optimizer="([\w-]+)" \/>/gm)];
  return found.map(([, title, goal, optimizer]) => ({
    optimizer,
    title,
    path: `/exercises/#${anchorOf(title)}`,
    goal,
    chapter: chapters.find((c) => c.exercises?.includes(optimizer))?.slug,
  }));
}
