/**
 * How tall each widget typically is (px) narrower than 560 px (a phone, or a
 * narrow column) and wider: reserved while its code loads, so that the page
 * does not jump when it appears. The one table: the elements reserve it once
 * their script runs (lazy.ts), and pages before that through the custom
 * properties `reserveStyle` writes on each element (src/styles/site.css).
 */
export interface Reserve {
  narrow: number;
  wide: number;
}

export const reserved = {
  'descent-lr-demo': { narrow: 616, wide: 335 },
  'descent-surface': { narrow: 1000, wide: 547 },
  'descent-schedule': { narrow: 718, wide: 526 },
  'descent-inspector': { narrow: 494, wide: 333 },
  'descent-trainer': { narrow: 1110, wide: 640 },
  'descent-race': { narrow: 840, wide: 580 },
  'descent-exercise': { narrow: 420, wide: 420 },
  'descent-playground': { narrow: 1500, wide: 1100 },
} satisfies Record<string, Reserve>;

/** The element's style attribute that reserves its height before its script runs. */
export const reserveStyle = (tag: keyof typeof reserved) => `--reserve-narrow:${reserved[tag].narrow}px;--reserve-wide:${reserved[tag].wide}px`;
