/**
 * Colours for runs: Tableau 10, distinguishable in light and dark themes. The
 * optimizers that most often meet in one widget keep one colour across the
 * site (Adam is always red); other runs, and a second run of the same
 * optimizer, take the first colour no other run of the widget has.
 */
export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#9c755f', '#ff9da7', '#edc948', '#bab0ac'];

const preferred: Record<string, string> = {
  sgd: '#4e79a7',
  momentum: '#f28e2b',
  adam: '#e15759',
  rmsprop: '#59a14f',
  adamw: '#b07aa1',
  adagrad: '#76b7b2',
  nesterov: '#9c755f',
  lion: '#ff9da7',
};

/** One colour per run, in order: the optimizer's own where it is free, else the first unused (cycling past ten runs). */
export function runColours(optimizerIds: string[]): string[] {
  const taken = new Set<string>();
  const colours: (string | undefined)[] = optimizerIds.map((id) => {
    const c = preferred[id];
    if (!c || taken.has(c)) return undefined;
    taken.add(c);
    return c;
  });
  return colours.map((c) => {
    if (c) return c;
    const free = palette.find((p) => !taken.has(p)) ?? palette[taken.size % palette.length];
    taken.add(free);
    return free;
  });
}
