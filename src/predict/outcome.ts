/**
 * What a Predict's race says, and how the reader's answer compares with it.
 * Used by the page (from the race's final standings) and by the unit test that
 * re-runs every setup, so both decide the winner by the same rule: the race's
 * own leaderboard (lowest training loss; diverged runs last).
 */
import { parseSettings } from '../widgets/schema';
import { raceSchema } from '../widgets/specs';
import { trainerConfig } from '../widgets/training';
import { leaderboard, runLabel, type Standing } from '../widgets/views';
import type { DatasetId } from '../train/datasets';
import type { TrainerConfig } from '../train/trainer';

/** The race's settings from a Predict's attributes (a broken setup is a build error, not a silent default). */
function raceSettings(race: Record<string, string>) {
  const { values, notes } = parseSettings(raceSchema, (n) => race[n] ?? null);
  if (notes.length) throw new Error(`<Predict> race: ${notes.join('; ')}`);
  return values;
}

/** The answers offered: the race's run labels, as its legend shows them. */
export function choicesOf(race: Record<string, string>): string[] {
  const s = raceSettings(race);
  return s.optimizers.map((r) => runLabel(r, s.dataset as DatasetId));
}

/** One trainer config per run, as the page's race builds them. */
export function raceTrainerConfigs(race: Record<string, string>): TrainerConfig[] {
  const s = raceSettings(race);
  return s.optimizers.map((r) => trainerConfig(s, r.optimizer, r.hyper));
}

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
