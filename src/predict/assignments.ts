/**
 * The rows of the Assignments page (content/assignments.mdx): every Predict
 * (src/predict/predicts.ts) and every exercise (content/exercises.mdx), each
 * with its permalink and learning goal. Pure, so the page and its test agree.
 */
import { chapters } from '../curriculum';
import { choicesOf } from './outcome';
import { predicts } from './predicts';

export interface PredictRow {
  id: string;
  chapter: string;
  /** Site path of the Predict, scrolled to it (add the base when linking). */
  path: string;
  question: string;
  goal: string;
  /** The answer key: the run that ends first, and the runs that diverge. */
  answer: string;
  diverged: string[];
}

export function predictRows(): PredictRow[] {
  return predicts.map((p) => {
    const choices = choicesOf(p.race);
    return {
      id: p.id,
      chapter: p.chapter,
      path: `/${p.chapter}/#${p.id}`,
      question: p.question,
      goal: p.goal,
      answer: choices[p.answer],
      diverged: (p.diverged ?? []).map((i) => choices[i]),
    };
  });
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
