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
  'descent-inspector': { narrow: 549, wide: 333 }, // narrow: +55 for the "compare with" select's row
  'descent-trainer': { narrow: 1110, wide: 640 },
  'descent-race': { narrow: 880, wide: 580 }, // narrow: +40 for the seeds slider
  'descent-exercise': { narrow: 700, wide: 420 }, // on a phone the starter code wraps: 655–746 px measured
  'descent-playground': { narrow: 1500, wide: 1100 },
} satisfies Record<string, Reserve>;

/** What a trainer's diagnostics panel (diagnostics="on") adds below it. */
export const DIAGNOSTICS_PANEL: Reserve = { narrow: 900, wide: 700 };

/** The height to reserve for this element, given its attributes (a trainer with its diagnostics panel is taller). */
export function reserveFor(tag: keyof typeof reserved, attribute: (name: string) => string | null | undefined = () => null): Reserve {
  const base = reserved[tag];
  if (tag === 'descent-race') {
    // On a phone every run adds a learning-rate slider and a leaderboard line (measured: 2 runs 842 px, 3 runs 907, 6 runs 1161).
    const runs = (attribute('optimizers') ?? '').split(/,(?![^()]*\))/).filter((r) => r.trim()).length;
    return runs > 2 ? { narrow: 842 + RACE_RUN_NARROW * (runs - 2), wide: base.wide } : base;
  }
  if (tag !== 'descent-trainer' || attribute('diagnostics') !== 'on') return base;
  return { narrow: base.narrow + DIAGNOSTICS_PANEL.narrow, wide: base.wide + DIAGNOSTICS_PANEL.wide };
}

/** What each run of a race beyond the second adds to its height on a phone (px). */
const RACE_RUN_NARROW = 80;

/** The element's style attribute that reserves its height before its script runs. */
export function reserveStyle(tag: keyof typeof reserved, attribute?: (name: string) => string | null | undefined): string {
  const { narrow, wide } = reserveFor(tag, attribute);
  return `--reserve-narrow:${narrow}px;--reserve-wide:${wide}px`;
}
