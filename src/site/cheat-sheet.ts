import { baseOptimizerIds, frontierIds, optimizers, type Optimizer } from '../optimizers';
import { frameworkNames, type FrameworkNames } from '../optimizers/framework-names';

/** The cheat sheet's three groups, in the order the guide teaches them. */
export const cheatGroups = {
  classic: { title: 'The classic rules', ids: [...baseOptimizerIds] as string[] },
  variants: { title: 'Framework variants', ids: Object.keys(optimizers).filter((id) => id.includes(':')) },
  frontier: { title: 'Frontier rules', ids: frontierIds },
} as const;
export type CheatGroup = keyof typeof cheatGroups;

export interface CheatRow {
  id: string;
  name: string;
  note?: string;
  formula: string[]; // the TeX lines <UpdateRule> renders, from the registry
  defaults: string[]; // "η = 10⁻³", one per hyperparameter, in the registry's order
  names: FrameworkNames;
}

const superscript: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/**
 * A default as printed: 0.9, 1, −0.8 as they are; below 0.01 (or from 10⁴)
 * in powers of ten with at most three significant digits: 10⁻³, 2·10⁻³, 1.19·10⁻⁷.
 */
export function formatDefault(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite default: ${x}`);
  const sign = x < 0 ? '−' : '';
  const a = Math.abs(x);
  if (a === 0 || (a >= 0.01 && a < 1e4)) return sign + String(Number(a.toPrecision(6)));
  const exponent = Math.floor(Math.log10(a));
  const mantissa = Number((a / 10 ** exponent).toPrecision(3));
  const power = `10${String(exponent).replace(/./g, (ch) => superscript[ch])}`;
  return sign + (mantissa === 1 ? power : `${mantissa}·${power}`);
}

function defaultsOf(opt: Optimizer<any, any>): string[] {
  return Object.entries(opt.defaults as Record<string, number>).map(([key, value]) => {
    const spec = opt.hyper[key];
    if (!spec) throw new Error(`${opt.id}: default "${key}" has no hyperparameter spec`);
    // Switches are stored as 0/1 for the sliders; the sheet says what they mean.
    if (spec.integer && spec.min === 0 && spec.max === 1) return `${spec.symbol} ${value ? 'on' : 'off'}`; // a 0/1 switch
    return `${spec.symbol} = ${formatDefault(value)}`;
  });
}

/** One row per registry id of the group: name, formula, defaults and the libraries' names, all from their sources. */
export function cheatSheetRows(group: CheatGroup): CheatRow[] {
  return cheatGroups[group].ids.map((id) => {
    const opt = optimizers[id];
    const names = frameworkNames[id];
    if (!opt) throw new Error(`cheat sheet: no optimizer "${id}"`);
    if (!names) throw new Error(`cheat sheet: no framework names for "${id}" (src/optimizers/framework-names.ts)`);
    return { id, name: opt.name, note: opt.note, formula: opt.formula, defaults: defaultsOf(opt), names };
  });
}
