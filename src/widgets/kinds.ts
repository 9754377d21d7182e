import type { Schema } from './schema';
import { kindTags } from './tags';
import { inspectorSchema, playgroundSchema, raceSchema, scheduleSchema, surfaceSchema, trainerSchema } from './specs';

/** The embeddable widget kinds: their tags, names, schemas and the chapter each one is introduced in. */
export interface WidgetKind {
  tag: string;
  title: string;
  chapter: string; // slug of the chapter an embed links back to
  schema: Schema;
}

export const widgetKinds: Record<string, WidgetKind> = {
  trainer: { tag: kindTags.trainer, title: 'Network trainer', chapter: 'adam', schema: trainerSchema },
  surface: { tag: kindTags.surface, title: 'Loss-surface explorer', chapter: 'gradient-descent', schema: surfaceSchema },
  race: { tag: kindTags.race, title: 'Optimizer race', chapter: 'lab', schema: raceSchema },
  inspector: { tag: kindTags.inspector, title: 'Step inspector', chapter: 'adam', schema: inspectorSchema },
  schedule: { tag: kindTags.schedule, title: 'Learning-rate schedule', chapter: 'schedules', schema: scheduleSchema },
  playground: { tag: kindTags.playground, title: 'Optimizer playground', chapter: 'lab', schema: playgroundSchema },
};

export { kindOfTag } from './tags';
