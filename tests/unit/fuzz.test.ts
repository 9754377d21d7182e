import { describe, expect, it } from 'vitest';
import { widgetKinds } from '../../src/widgets/kinds';
import { lrDemoSchema } from '../../src/widgets/specs';
import { formatField, parseField, parseSettings, toAttributes, type Field, type Run, type Schema } from '../../src/widgets/schema';
import { casePairs, describeCase, fuzzRandom, lastWins, valueFor } from '../fuzz/values';

const CASES = 600;     // generated settings per widget kind, a few values each
const PER_FIELD = 60;  // and values for every single field of every kind

/** Why `value` is not a value `field` can hold, or null if it is. */
function outside(f: Field, value: unknown): string | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const number = (x: unknown, g: { min: number; max: number; integer?: boolean }) =>
    typeof x !== 'number' ? `${String(x)} is not a number`
      : Object.is(x, -0) ? '-0 (writes as 0, reads back as +0)'
      : !(x >= g.min && x <= g.max) ? `${x} is outside ${g.min}…${g.max}`
      : g.integer && !Number.isInteger(x) ? `${x} is not whole` : null;
  const list = (xs: unknown, each: (x: unknown) => string | null, length: [number, number]) => {
    if (!Array.isArray(xs)) return 'not a list';
    if (same(xs, f.default)) return null; // a refused list falls back to the default, whatever its length
    if (xs.length < length[0] || xs.length > length[1]) return `${xs.length} entries, not ${length[0]}…${length[1]}`;
    return xs.map(each).find((e) => e !== null) ?? null;
  };
  switch (f.type) {
    case 'number':
      return Number.isNaN(value) && Number.isNaN(f.default) ? null : number(value, f);
    case 'choice':
      return f.options.includes(value as string) ? null : `${String(value)} is not an option`;
    case 'numbers':
      return list(value, (x) => number(x, f), f.length);
    case 'names':
      return list(value, (x) => (f.options.includes(x as string) ? null : `${String(x)} is not an option`), f.length);
    case 'runs':
      return list(value, (x) => {
        const { optimizer, hyper } = x as Run;
        if (!f.options.includes(optimizer)) return `${optimizer} is not an optimizer`;
        const bad = Object.entries(hyper).find(([, v]) => !Number.isFinite(v));
        return bad ? `${optimizer}(${bad[0]}=${bad[1]}) is not name=finite number` : null;
      }, f.length);
  }
}

const kinds: [string, Schema][] = [...Object.entries(widgetKinds).map(([kind, { schema }]) => [kind, schema] as [string, Schema]), ['lr-demo', lrDemoSchema]];

describe.each(kinds)('fuzzing the %s settings', (kind, schema) => {
  const read = (get: (name: string) => string | null) => parseSettings(schema, get);

  it(`parses ${CASES} generated settings into values inside the schema, which write out and read back unchanged`, () => {
    const r = fuzzRandom(`unit:${kind}`);
    for (let i = 0; i < CASES; i++) {
      const pairs = casePairs(r, schema);
      const what = describeCase(kind, i, pairs);
      let parsed: ReturnType<typeof read>;
      expect(() => (parsed = read(lastWins(pairs))), what).not.toThrow();
      const { values, notes } = parsed!;
      expect(Object.keys(values), what).toEqual(Object.keys(schema));
      for (const [name, field] of Object.entries(schema)) expect(outside(field, values[name]), `${what}: ${name}`).toBeNull();
      for (const note of notes) expect(note.length, `${what}: note “${note.slice(0, 100)}…”`).toBeLessThan(2_000);

      // The fixed point: what a permalink or an embed snippet writes reads back as the same values, without a note.
      const written = toAttributes(schema, values);
      const again = read((name) => written[name] ?? null);
      expect(again.notes, `${what}: written as ${JSON.stringify(written)}`).toEqual([]);
      expect(again.values, `${what}: written as ${JSON.stringify(written)}`).toEqual(values);
    }
  });

  it.each(Object.keys(schema))(`field %s: ${PER_FIELD} generated values parse into range, and format/parse is a fixed point`, (name) => {
    const field = schema[name];
    const r = fuzzRandom(`unit:${kind}.${name}`);
    for (let i = 0; i < PER_FIELD; i++) {
      const raw = valueFor(r, field);
      const what = describeCase(`${kind}.${name}`, i, [[name, raw]]);
      const notes: string[] = [];
      const value = parseField(name, field, raw, notes) ?? structuredClone(field.default);
      expect(outside(field, value), what).toBeNull();
      if (JSON.stringify(value) === JSON.stringify(field.default)) continue; // the default may not be writable (start: [])
      const back: string[] = [];
      expect(parseField(name, field, formatField(field, value), back), what).toEqual(value);
      expect(back, what).toEqual([]);
    }
  });
});
