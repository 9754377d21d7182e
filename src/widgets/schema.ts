/**
 * Widget settings: one schema per widget kind validates HTML attributes and URL
 * parameters alike, and generates the attribute reference, so they cannot drift.
 * Parsing never throws: a bad value is replaced (by the default, or clamped
 * into range) and described in a note that the widget shows.
 */

interface Base<T> {
  label: string;  // words for the control and the docs
  doc: string;    // one line for the attribute reference
  default: T;
  alias?: string; // a former name, still read from snippets and links made with it
}
export interface NumberField extends Base<number> {
  type: 'number';
  min: number;
  max: number;
  log?: boolean;     // a slider over this range moves on a log scale
  integer?: boolean;
  box?: boolean;     // its control is a number box, not a slider (a seed: any of 2³¹ values)
}
export interface ChoiceField extends Base<string> {
  type: 'choice';
  options: readonly string[];
  names?: Readonly<Record<string, string>>; // what the control shows for an option, where not the option itself
}
export interface NumberListField extends Base<number[]> {
  type: 'numbers';
  min: number;
  max: number;
  length: [number, number]; // fewest and most entries
  integer?: boolean;
}
export interface NameListField extends Base<string[]> {
  type: 'names';
  options: readonly string[];
  length: [number, number];
}
/** A list of optimizer runs, each with its own hyperparameters: `sgd(lr=0.1), adam`. */
export interface RunListField extends Base<Run[]> {
  type: 'runs';
  options: readonly string[];
  length: [number, number];
}
export type Field = NumberField | ChoiceField | NumberListField | NameListField | RunListField;
export type Schema = Record<string, Field>;

export interface Run {
  optimizer: string;
  hyper: Record<string, number>;
}

type ValueOf<F> = F extends { type: 'number' } ? number
  : F extends { type: 'choice' } ? string
  : F extends { type: 'numbers' } ? number[]
  : F extends { type: 'names' } ? string[]
  : F extends { type: 'runs' } ? Run[]
  : never;
export type Values<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

export interface Parsed<S extends Schema> {
  values: Values<S>;
  notes: string[]; // one human sentence per value that was not taken as given
}

// −0 would be written "0" and read back as +0: a permalink would not reproduce the value it was made from.
const positiveZero = (x: number) => (x === 0 ? 0 : x);
const shorten = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 37)}…` : raw);
const show = (raw: string) => `“${shorten(raw)}”`;

function parseNumber(name: string, f: NumberField | NumberListField, raw: string, notes: string[]): number | undefined {
  const text = raw.trim();
  const x = text === '' ? NaN : Number(text);
  if (Number.isNaN(x)) {
    notes.push(`${name}: ${show(raw)} is not a number`);
    return undefined;
  }
  let v = f.integer ? Math.round(x) : x;
  if (v !== x && Number.isFinite(x)) notes.push(`${name}: ${show(raw)} is not a whole number; using ${v}`);
  if (v < f.min || v > f.max) {
    const clamped = Math.min(f.max, Math.max(f.min, v));
    notes.push(`${name}: ${show(raw)} is outside ${f.min}–${f.max}; using ${clamped}`);
    v = clamped;
  }
  return positiveZero(v);
}

function parseList<T>(name: string, raw: string, length: [number, number], notes: string[], item: (s: string) => T | undefined): T[] | undefined {
  const parts = splitTopLevel(raw);
  const items = parts.map(item).filter((x): x is T => x !== undefined);
  if (items.length < length[0]) {
    notes.push(`${name}: needs at least ${length[0]} valid entr${length[0] === 1 ? 'y' : 'ies'}`);
    return undefined;
  }
  if (items.length > length[1]) notes.push(`${name}: at most ${length[1]} entries; the rest are ignored`);
  return items.slice(0, length[1]);
}

/** Splits on commas that are not inside parentheses; empty pieces are dropped. */
export function splitTopLevel(raw: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseRun(name: string, f: RunListField, raw: string, notes: string[]): Run | undefined {
  const m = /^([\w:-]+)\s*(?:\(([^()]*)\))?$/.exec(raw);
  if (!m || !f.options.includes(m[1])) {
    notes.push(`${name}: ${show(raw)} is not a known optimizer`);
    return undefined;
  }
  const pairs: [string, number][] = [];
  for (const pair of (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    const x = Number(value);
    if (!key || value === undefined || value === '' || !Number.isFinite(x)) notes.push(`${name}: ${show(pair)} in ${m[1]} is not name=number`);
    else pairs.push([key, positiveZero(x)]);
  }
  // fromEntries keeps a name like __proto__ as a key (an assignment would drop it unseen), so the optimizer's check refuses it aloud.
  return { optimizer: m[1], hyper: Object.fromEntries(pairs) };
}

/** Parses one field's raw text; `undefined` means "use the default". */
export function parseField(name: string, f: Field, raw: string, notes: string[]): Values<Schema>[string] | undefined {
  switch (f.type) {
    case 'number':
      return parseNumber(name, f, raw, notes);
    case 'choice': {
      const v = raw.trim();
      if (f.options.includes(v)) return v;
      notes.push(`${name}: ${show(raw)} is not one of ${f.options.join(', ')}`);
      return undefined;
    }
    case 'numbers':
      return parseList(name, raw, f.length, notes, (s) => parseNumber(name, f, s, notes));
    case 'names':
      return parseList(name, raw, f.length, notes, (s) => {
        if (f.options.includes(s)) return s;
        notes.push(`${name}: ${show(s)} is not one of ${f.options.join(', ')}`);
        return undefined;
      });
    case 'runs':
      return parseList(name, raw, f.length, notes, (s) => parseRun(name, f, s, notes));
  }
}

/**
 * Reads every field of `schema` through `get` (an element's getAttribute, or a
 * URLSearchParams' get); missing values take their defaults silently.
 */
export function parseSettings<S extends Schema>(schema: S, get: (name: string) => string | null): Parsed<S> {
  const notes: string[] = [];
  const values = {} as Record<string, unknown>;
  for (const [name, field] of Object.entries(schema)) {
    const given = get(name) !== null || !field.alias ? name : field.alias;
    const raw = get(given);
    values[name] = (raw === null ? undefined : parseField(given, field, raw, notes)) ?? structuredClone(field.default);
  }
  return { values: values as Values<S>, notes };
}

/** Every attribute name a schema reads: its fields' names and their former names. */
export const attributeNames = (schema: Schema): string[] => Object.entries(schema).flatMap(([name, f]) => (f.alias ? [name, f.alias] : [name]));

/** Writes a value back as the text its field parses, for URLs and snippets. */
export function formatField(f: Field, value: unknown): string {
  switch (f.type) {
    case 'number':
      return String(value);
    case 'choice':
      return String(value);
    case 'numbers':
    case 'names':
      return (value as unknown[]).join(',');
    case 'runs':
      return (value as Run[])
        .map(({ optimizer, hyper }) => {
          const args = Object.entries(hyper).map(([k, v]) => `${k}=${v}`);
          return args.length ? `${optimizer}(${args.join(',')})` : optimizer;
        })
        .join(',');
  }
}

/**
 * The attributes that reproduce `values`: every field whose value differs from
 * its default (and is set at all), written as its field parses it. Used for
 * permalinks and embed snippets.
 */
export function toAttributes<S extends Schema>(schema: S, values: Partial<Record<keyof S, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(schema)) {
    const value = values[name];
    if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) continue;
    const text = formatField(field, value);
    if (text !== formatField(field, field.default)) out[name] = text;
  }
  return out;
}
