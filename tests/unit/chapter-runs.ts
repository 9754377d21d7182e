/**
 * Re-running a chapter's widgets in a unit test, so that what the prose says
 * about them is checked against the setup the page actually shows: the
 * widget's attributes are read from the MDX, parsed with the widget's own
 * schema and turned into trainer configs as the page does (src/widgets/training.ts).
 */
import { readFileSync } from 'node:fs';
import { chosen, hyperFields, raceSchema, trainerSchema, wrapFields } from '../../src/widgets/specs';
import { parseSettings } from '../../src/widgets/schema';
import { trainerConfig } from '../../src/widgets/training';
import { createTrainer, type TrainerConfig } from '../../src/train/trainer';

export const chapterSource = (slug: string) => readFileSync(new URL(`../../content/${slug}.mdx`, import.meta.url), 'utf8');

/** The attributes of the `<Widget>` with `id` in a chapter, as written (values unparsed). */
export function widgetAttributes(slug: string, id: string): Record<string, string> {
  const found = [...chapterSource(slug).matchAll(/<Widget\b([^>]*?)\/>/g)]
    .map((m) => Object.fromEntries([...m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([^}]*)\})/g)].map(([, k, s, e]) => [k, s ?? e])))
    .filter((a) => a.id === id);
  if (found.length !== 1) throw new Error(`${slug}: ${found.length} widgets with id "${id}"`);
  return found[0];
}

/** The trainer configs of a race widget, one per run; `changes` overrides attributes as a reader would. */
export function raceConfigs(slug: string, id: string, changes: Record<string, string> = {}): TrainerConfig[] {
  const attrs = { ...widgetAttributes(slug, id), ...changes };
  const { values, notes } = parseSettings(raceSchema, (n) => attrs[n] ?? null);
  if (notes.length) throw new Error(notes.join('; '));
  return values.optimizers.map((r) => trainerConfig(values, r.optimizer, r.hyper));
}

/** The trainer config of a trainer widget; `changes` overrides attributes as a reader would. */
export function trainerWidgetConfig(slug: string, id: string, changes: Record<string, string> = {}): TrainerConfig {
  const attrs = { ...widgetAttributes(slug, id), ...changes };
  const { values, notes } = parseSettings(trainerSchema, (n) => attrs[n] ?? null);
  if (notes.length) throw new Error(notes.join('; '));
  return trainerConfig(values, values.optimizer, chosen(values, [...Object.keys(hyperFields), ...Object.keys(wrapFields)]));
}

/** Train `config` and record the losses after each of `checkpoints` (ascending step counts). */
export async function lossesAt(config: TrainerConfig, checkpoints: number[]): Promise<{ train: number; test: number | null }[]> {
  const trainer = await createTrainer(config);
  try {
    const out: { train: number; test: number | null }[] = [];
    for (const step of checkpoints) {
      trainer.train(step - trainer.step);
      const { train, test } = trainer.losses();
      out.push({ train, test });
    }
    return out;
  } finally {
    trainer.dispose();
  }
}
