import type { Schema } from './schema';
import { inspectorSchema, raceSchema, scheduleSchema, surfaceSchema, trainerSchema } from './specs';

/** The embeddable widget kinds: their tags, names, schemas and the chapter each one is introduced in. */
export interface WidgetKind {
  tag: string;
  title: string;
  chapter: string; // slug of the chapter an embed links back to
  schema: Schema;
}

export const widgetKinds: Record<string, WidgetKind> = {
  trainer: { tag: 'descent-trainer', title: 'Network trainer', chapter: 'adam', schema: trainerSchema },
  surface: { tag: 'descent-surface', title: 'Loss-surface explorer', chapter: 'gradient-descent', schema: surfaceSchema },
  race: { tag: 'descent-race', title: 'Optimizer race', chapter: 'lab', schema: raceSchema },
  inspector: { tag: 'descent-inspector', title: 'Step inspector', chapter: 'adam', schema: inspectorSchema },
  schedule: { tag: 'descent-schedule', title: 'Learning-rate schedule', chapter: 'schedules', schema: scheduleSchema },
};

/** The kind of a widget element, from its tag. */
export const kindOfTag = (tag: string) => Object.entries(widgetKinds).find(([, k]) => k.tag === tag.toLowerCase())?.[0];
