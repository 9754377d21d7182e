import { describe, expect, it } from 'vitest';
import { formatField, parseSettings, splitTopLevel, toAttributes, type Schema } from '../../src/widgets/schema';
import { hyperFields, networkOf, raceSchema, surfaceSchema, trainerSchema } from '../../src/widgets/specs';

const read = <S extends Schema>(schema: S, attrs: Record<string, string>) => parseSettings(schema, (n) => attrs[n] ?? null);

describe('parseSettings', () => {
  it('takes defaults silently when nothing is given', () => {
    const { values, notes } = read(trainerSchema, {});
    expect(notes).toEqual([]);
    expect(values).toMatchObject({ optimizer: 'adam', dataset: 'circles', layers: [], seed: 1 });
    expect((values as Record<string, unknown>).lr).toBeNaN(); // "the optimizer's own"
    expect(values.batch).toBeNaN(); // the dataset's own, as layers: [] is
    expect(networkOf(values)).toEqual({ hidden: [8, 8], batch: 10 });
    expect(networkOf({ ...values, dataset: 'digits' })).toEqual({ hidden: [32], batch: 32 });
    expect(networkOf({ ...values, dataset: 'sparse' })).toEqual({ hidden: [], batch: 10 });
    expect(networkOf({ ...values, dataset: 'digits', layers: [64, 16], batch: 5 })).toEqual({ hidden: [64, 16], batch: 5 });
  });

  it('parses good values', () => {
    const { values, notes } = read(trainerSchema, { optimizer: 'rmsprop:keras', lr: '0.003', hidden: '4, 4,2', dataset: 'spiral', seed: '7' });
    expect(notes).toEqual([]);
    expect(values).toMatchObject({ optimizer: 'rmsprop:keras', lr: 0.003, layers: [4, 4, 2], dataset: 'spiral', seed: 7 });
  });

  it.each([
    ['lr', 'abc', /lr: “abc” is not a number/],
    ['lr', '', /lr: “” is not a number/],
    ['lr', 'NaN', /not a number/],
    ['optimizer', '<img src=x onerror=alert(1)>', /optimizer: “<img src=x onerror=alert\(1\)>” is not one of/],
    ['dataset', 'mnist', /dataset: “mnist” is not one of circles/],
  ])('refuses %s=%s with a note and keeps the default', (name, raw, note) => {
    const { values, notes } = read(trainerSchema, { [name]: raw });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(note);
    expect(values[name as keyof typeof values]).toEqual(read(trainerSchema, {}).values[name as keyof typeof values]);
  });

  it.each([
    ['lr', '1e999', 10, 1],
    ['lr', '-1', 1e-5, 1],
    ['batch', '0', 1, 1],
    ['batch', '2.6', 3, 1], // a count is rounded, and a note says it was not a whole number
    ['noise', '7', 0.5, 1],
  ])('reads %s=%s as %f (%i notes)', (name, raw, expected, count) => {
    const { values, notes } = read(trainerSchema, { [name]: raw });
    expect(values[name as keyof typeof values]).toBe(expected);
    expect(notes).toHaveLength(count);
  });

  it('clamps every entry of a list and refuses a list that is too short or too long', () => {
    expect(read(trainerSchema, { hidden: '999,999,999' }).values.layers).toEqual([64, 64, 64]);
    expect(read(trainerSchema, { hidden: '999,999,999' }).notes).toHaveLength(3);
    expect(read(trainerSchema, { hidden: '' }).values.layers).toEqual([]);
    expect(read(trainerSchema, { hidden: 'x' }).values.layers).toEqual([]);
    const long = read(trainerSchema, { hidden: '1,2,3,4,5,6' });
    expect(long.values.layers).toEqual([1, 2, 3, 4]);
    expect(long.notes[0]).toMatch(/at most 4 entries/);
  });

  it('parses optimizer runs with their own hyperparameters, dropping bad ones', () => {
    const { values, notes } = read(raceSchema, { optimizers: 'sgd(lr=0.1), adam(lr=0.01, beta1=0.8), nope, rmsprop:keras, momentum(lr=x)' });
    expect(values.optimizers).toEqual([
      { optimizer: 'sgd', hyper: { lr: 0.1 } },
      { optimizer: 'adam', hyper: { lr: 0.01, beta1: 0.8 } },
      { optimizer: 'rmsprop:keras', hyper: {} },
      { optimizer: 'momentum', hyper: {} },
    ]);
    expect(notes).toEqual([expect.stringMatching(/“nope” is not a known optimizer/), expect.stringMatching(/“lr=x” in momentum is not name=number/)]);
  });

  it('keeps a hyperparameter named __proto__ as a name, for the optimizer to refuse aloud', () => {
    const [run] = read(raceSchema, { optimizers: 'sgd(__proto__=1)' }).values.optimizers;
    expect(Object.keys(run.hyper)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(run.hyper)).toBe(Object.prototype);
  });

  it('reads the hidden layers as `layers`, and as `hidden` from snippets made before the rename', () => {
    expect(read(trainerSchema, { layers: '4,2' }).values.layers).toEqual([4, 2]);
    expect(read(trainerSchema, { hidden: '4,2' }).values.layers).toEqual([4, 2]);
    expect(read(trainerSchema, { layers: '3', hidden: '4,2' }).values.layers).toEqual([3]);
    expect(read(trainerSchema, { hidden: '99' }).notes).toEqual(['hidden: “99” is outside 1–64; using 64']);
    expect(toAttributes(trainerSchema, read(trainerSchema, { hidden: '4,2' }).values)).toEqual({ layers: '4,2' });
  });

  it('reads −0 as 0, which is how it writes back', () => {
    const { values } = read(trainerSchema, { noise: '-0', seed: '-0.2', hidden: '-0,4' });
    expect(Object.is(values.noise, 0)).toBe(true);
    expect(Object.is(values.seed, 0)).toBe(true);
    expect(read(raceSchema, { optimizers: 'adamw(weightDecay=-0)' }).values.optimizers[0].hyper.weightDecay).toSatisfy((x: number) => Object.is(x, 0));
  });

  it('falls back to the default runs when none is valid', () => {
    const { values, notes } = read(surfaceSchema, { optimizers: '<script>alert(1)</script>' });
    expect(values.optimizers).toEqual(surfaceSchema.optimizers.default);
    expect(notes.length).toBeGreaterThan(0);
  });

  it('shortens very long raw values in notes', () => {
    const { notes } = read(trainerSchema, { dataset: 'x'.repeat(500) });
    expect(notes[0].length).toBeLessThan(200);
  });
});

describe('formatField round-trips what parseSettings reads', () => {
  it.each([
    [raceSchema.optimizers, 'sgd(lr=0.1),adam(lr=0.01,beta1=0.8),rmsprop:keras'],
    [trainerSchema.layers, '8,4'],
    [hyperFields.lr, '0.003'],
    [surfaceSchema.fn, 'beale'],
  ] as const)('%#', (field, raw) => {
    const { values, notes } = parseSettings({ f: field }, () => raw);
    expect(formatField(field, values.f)).toBe(raw);
    expect(notes).toEqual([]);
  });
});

it('splits on top-level commas only', () => {
  expect(splitTopLevel('a(b,c), d ,,e(f)')).toEqual(['a(b,c)', 'd', 'e(f)']);
});
