import { expect, it } from 'vitest';
import { optimizers } from '../../src/optimizers';
import { frameworkNames } from '../../src/optimizers/framework-names';
import { cheatGroups, cheatSheetRows, formatDefault, type CheatGroup } from '../../src/site/cheat-sheet';

it('names every registry id in PyTorch, Keras and Optax, and nothing else', () => {
  expect(Object.keys(frameworkNames).sort()).toEqual(Object.keys(optimizers).sort());
});

it('points only at registry ids, and calls each library by its own module', () => {
  const prefixes = { pytorch: 'torch.optim.', keras: 'keras.optimizers.', optax: 'optax.' } as const;
  for (const [id, names] of Object.entries(frameworkNames)) {
    for (const lib of ['pytorch', 'keras', 'optax'] as const) {
      const call = names[lib];
      if (!call) continue;
      expect(call.call.startsWith(prefixes[lib]), `${id} ${lib}: ${call.call}`).toBe(true);
      if (call.rule) {
        expect(optimizers, `${id} ${lib} computes ${call.rule}`).toHaveProperty([call.rule]);
        expect(call.rule).not.toBe(id);
      }
    }
  }
  // A variant is the library's own rule: the base row's entry for that library points to it.
  expect(frameworkNames.adam.keras?.rule).toBe('adam:keras');
  expect(frameworkNames['adam:keras'].keras?.call).toBe(frameworkNames.adam.keras?.call);
});

it('puts every registry id in exactly one group', () => {
  const all = (Object.keys(cheatGroups) as CheatGroup[]).flatMap((g) => cheatGroups[g].ids);
  expect([...all].sort()).toEqual(Object.keys(optimizers).sort());
  expect(new Set(all).size).toBe(all.length);
  expect(cheatGroups.classic.ids).toHaveLength(13);
});

it('takes formulas and defaults from the registry', () => {
  const adam = cheatSheetRows('classic').find((r) => r.id === 'adam')!;
  expect(adam.formula).toBe(optimizers.adam.formula);
  expect(adam.defaults).toEqual(['η = 10⁻³', 'β₁ = 0.9', 'β₂ = 0.999', 'ε = 10⁻⁸']);
  const muon = cheatSheetRows('frontier').find((r) => r.id === 'muon')!;
  expect(muon.defaults).toContain('nesterov on');
  for (const group of Object.keys(cheatGroups) as CheatGroup[])
    for (const row of cheatSheetRows(group)) expect(row.defaults.length, row.id).toBe(Object.keys(optimizers[row.id].defaults).length);
});

it('prints defaults plainly or in powers of ten', () => {
  expect([0.9, 0.999, 1, 0.01, 0, -0.8, 5].map(formatDefault)).toEqual(['0.9', '0.999', '1', '0.01', '0', '−0.8', '5']);
  expect([1e-3, 2e-3, 1e-8, 1.1920929e-7, 0.0025, 4e-3].map(formatDefault)).toEqual(['10⁻³', '2·10⁻³', '10⁻⁸', '1.19·10⁻⁷', '2.5·10⁻³', '4·10⁻³']);
  expect(formatDefault(1e5)).toBe('10⁵');
  expect(() => formatDefault(NaN)).toThrow(/finite/);
});
