import { expect, it } from 'vitest';
import { palette, runColours } from '../../src/widgets/palette';

it('gives an optimizer its own colour wherever it appears', () => {
  expect(runColours(['adam', 'sgd'])[0]).toBe(runColours(['sgd', 'lion', 'adam'])[2]);
});

it('gives every run of a widget a different colour, also to repeats and variants', () => {
  for (const ids of [['momentum', 'momentum:keras'], ['adam', 'adam', 'adam'], ['sgd', 'momentum', 'rmsprop', 'adam', 'amsgrad', 'nadam', 'radam', 'adamax']]) {
    const colours = runColours(ids);
    expect(new Set(colours).size).toBe(ids.length);
    for (const c of colours) expect(palette).toContain(c);
  }
});

it('cycles past ten runs instead of failing', () => {
  expect(runColours(Array(12).fill('adamax'))).toHaveLength(12);
});
