/**
 * The hyperparameters of the reader's optimizer: one object literal in the
 * code, `const hp = { lr: 0.01, beta: 0.9 }`, that the playground reads to make
 * a slider per entry and rewrites when a slider moves, so the code and the
 * sliders never disagree. Only plain numbers are allowed, so that reading them
 * never runs the reader's code on the page.
 */
import { optimizers } from '../optimizers';
import type { HyperSpec } from '../optimizers/types';
import { YOURS } from './reader-code';

export type HpResult = { ok: true; hp: Record<string, number> } | { ok: false; message: string };

/** `const hp = {` … `}` (let and var too); the braces' contents in group 2. */
const literal = /\b(const|let|var)\s+hp\s*=\s*\{([^{}]*)\}/;
const entry = /^\s*([A-Za-z_$][\w$]*)\s*:\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;

/** At most this many sliders. */
export const MAX_HP = 8;

const lineAt = (source: string, index: number) => source.slice(0, index).split('\n').length;

/** Reads `const hp = { name: number, … }` from the source. */
export function parseHp(source: string): HpResult {
  const m = literal.exec(source);
  if (!m) return { ok: false, message: 'the code has no hyperparameter object: write, e.g., const hp = { lr: 0.01 };' };
  const line = lineAt(source, m.index);
  const body = m[2].replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const parts = body.split(',').filter((p) => p.trim() !== '');
  const hp: Record<string, number> = {};
  for (const part of parts) {
    const e = entry.exec(part);
    if (!e) return { ok: false, message: `hp (line ${line}): “${part.trim().slice(0, 30)}” is not name: number` };
    const value = Number(e[2]);
    if (!Number.isFinite(value)) return { ok: false, message: `hp (line ${line}): ${e[1]} must be a finite number` };
    if (Object.hasOwn(hp, e[1])) return { ok: false, message: `hp (line ${line}): ${e[1]} is given twice` };
    hp[e[1]] = value;
  }
  if (parts.length > MAX_HP) return { ok: false, message: `hp (line ${line}): at most ${MAX_HP} hyperparameters` };
  return { ok: true, hp };
}

/** A number as the code shows it: short, and read back exactly as the slider set it. */
export const formatHp = (x: number): string => String(Number(x.toPrecision(4)));

/** The source with the hp object's entries set to `hp` (names in `hp`'s order), the rest of the code untouched. */
export function withHp(source: string, hp: Record<string, number>): string {
  const m = literal.exec(source);
  if (!m) return source;
  const body = Object.entries(hp).map(([k, v]) => `${k}: ${formatHp(v)}`).join(', ');
  return source.slice(0, m.index) + `${m[1]} hp = { ${body} }` + source.slice(m.index + m[0].length);
}

/**
 * A slider's range for a hyperparameter. A name the guide's rules use, with a
 * value in that rule's range, gets the rule's own slider (so a program from
 * "Start from…" has the built-in's: Muon's `nesterov` a 0/1 switch, its
 * `nsSteps` whole numbers). Otherwise the range comes from the value in the
 * code: a decay rate in [0.5, 1) moves linearly over [0, 0.999]; another
 * positive value on a log scale over two decades either side; zero over
 * [0, 1]; a negative value linearly over [10x, −10x]. The engine checks only
 * what PyTorch would (lr ≥ 0 and the like), so a reader may type any value
 * into the code.
 */
export function hpSpec(name: string, value: number): HyperSpec {
  const known = Object.values(optimizers).find((o) => o.id !== YOURS && Object.hasOwn(o.hyper, name) && value >= o.hyper[name].min && value <= o.hyper[name].max);
  if (known) return known.hyper[name];
  const label = name === 'lr' ? 'learning rate' : name;
  const symbol = name === 'lr' ? 'η' : name;
  if (value >= 0.5 && value < 1) return { label, symbol, min: 0, max: 0.999 };
  if (value > 0) return { label, symbol, min: value / 100, max: value * 100, log: true };
  if (value === 0) return { label, symbol, min: 0, max: 1 };
  return { label, symbol, min: value * 10, max: -value * 10 };
}
