/**
 * What a Predict's race says, and how the reader's answer compares with it.
 * The page decides from the race's final standings and the unit test from a
 * re-run of the setup, both by the race's own leaderboard rule (lowest training
 * loss; diverged runs last), so the answer key and the page cannot disagree.
 */
import { leaderboard, type Standing } from '../widgets/views';

/** The index of the winning run, or -1 when no run finished (all diverged or broken). */
export function winnerOf(standings: Standing[]): number {
  const first = leaderboard(standings)[0];
  const s = standings[first];
  return s && s.error === undefined && !s.diverged && Number.isFinite(s.train) ? first : -1;
}

/** "You said X · the run says Y", and whether they agree. */
export function verdict(choices: string[], said: number, winner: number): { text: string; right: boolean } {
  const run = winner < 0 ? 'every run diverged' : choices[winner];
  const right = said === winner;
  return { text: `You said ${choices[said] ?? '—'} · the run says ${run}${right ? ' — right.' : '.'}`, right };
}
