/**
 * What the playground says about the reader's run, as pure functions (the
 * widget only puts these strings on screen): its status line first, since the
 * reader's optimizer is the one being tried, then the race around it.
 */
import { fmt } from '../widgets/dom';
import { leaderboard, lossText, seedsNote, type Standing } from '../widgets/views';
import { YOURS_NAME } from './reader-code';
import type { Walker } from '../train/surface-race';

/** The status before a run: nothing has been run, and nothing runs without Run. */
export const idleStatus = (fromLink: boolean): string =>
  fromLink ? 'The code above came with the link and has not run. Read it, then press Run.' : 'Press Run to race your optimizer against the others.';

/** `Your optimizer · cannot run: …`: the code failed to load or its trial step failed. */
export const cannotRunStatus = (message: string): string => `${YOURS_NAME} · cannot run: ${message}`;

/**
 * `Your optimizer · step 380 · loss 0.041 · leader: Adam (η 0.01)`; run 0 is the
 * reader's. A failure (an exception, a time-out) replaces the loss. Over
 * several seeds the losses are means ± half their range: `loss 0.041 ± 0.004 (5 seeds)`.
 */
export function playgroundStatus(step: number, labels: string[], standings: Standing[], finished: boolean, failure?: string): string {
  const mine = standings[0];
  const head = `${YOURS_NAME} · step ${step}`;
  if (failure) return `${head} · ${failure}`;
  if (mine.error !== undefined) return cannotRunStatus(mine.error);
  const own = mine.diverged ? `diverged (loss ${fmt(mine.train)}): NaN, ∞ or a loss that blew up` : `loss ${lossText(mine)}${seedsNote(standings)}`;
  const best = leaderboard(standings)[0];
  const alive = standings.some((s) => s.error === undefined && !s.diverged);
  const lead = labels.length > 1 && alive ? ` · leader: ${best === 0 ? 'yours' : `${labels[best]}, loss ${lossText(standings[best])}`}` : '';
  return `${head} · ${own}${lead}${finished ? ' · finished' : ''}`;
}

/** Walkers on a surface as standings, for the same status line: the loss where each stands (or stopped), no test loss. */
export const walkStandings = (walkers: readonly Pick<Walker, 'losses' | 'diverged'>[]): Standing[] =>
  walkers.map((w) => ({ train: w.losses[w.losses.length - 1] ?? NaN, test: null, diverged: w.diverged }));
