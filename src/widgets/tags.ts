/**
 * The embeddable widget kinds and their element tags, apart from their schemas
 * (kinds.ts): what the page's first script needs to find widgets and their
 * permalink keys, without pulling in every optimizer.
 */
export const kindTags = {
  trainer: 'descent-trainer',
  surface: 'descent-surface',
  race: 'descent-race',
  inspector: 'descent-inspector',
  schedule: 'descent-schedule',
  playground: 'descent-playground',
} as const;

export type Kind = keyof typeof kindTags;

/** The kind of a widget element, from its tag. */
export const kindOfTag = (tag: string): Kind | undefined => (Object.keys(kindTags) as Kind[]).find((k) => kindTags[k] === tag.toLowerCase());
