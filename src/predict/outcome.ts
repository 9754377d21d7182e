/**
 * A Predict's race setup, read with the race's own schema: the answers it offers
 * (its run labels, at build time) and its trainer configs (for the test that
 * re-runs it). Not shipped to the page; the page's side is verdict.ts.
 */
import { parseSettings } from '../widgets/schema';
import { raceSchema } from '../widgets/specs';
import { trainerConfig } from '../widgets/training';
import { runLabel } from '../widgets/views';
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
