/**
 * What the Adafactor chapter says, recomputed: the decay schedule and memory
 * figures from their formulas and from the optimizers' own `init`, and the
 * claims about its widgets by re-running them (seed 1, as on the page).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizers } from '../../src/optimizers';
import { FLOAT32_BYTES, stateGigabytes, stateMemory } from '../../src/optimizers/state-memory';
import { ready } from '../../src/train/tf';
import { chapterSource, lossesAt, raceConfigs, trainerWidgetConfig } from './chapter-runs';

beforeAll(ready);

const mdx = chapterSource('adafactor');
/** The one figure `pattern`'s group 1 finds in the chapter, as a number ("10,000" and KaTeX's "524{,}288" too). */
function figure(pattern: RegExp): number {
  const matches = [...mdx.matchAll(new RegExp(pattern, 'g'))];
  expect(matches.length, `${pattern} finds the figure exactly once`).toBe(1);
  return Number(matches[0][1].replace(/\{,\}|,/g, ''));
}

const tau = optimizers.adafactor.defaults.beta2Decay as number;
const gamma = optimizers.adafactor.defaults.lr as number;
const beta2Hat = (t: number) => 1 - t ** tau;

describe('the Adafactor chapter’s figures from formulas', () => {
  it('the rising decay: its value at t = 10 and t = 1000, and the exponent it is written with', () => {
    expect(figure(/At \$t = 10\$ it is (\d\.\d+)/)).toBeCloseTo(beta2Hat(10), 2);
    expect(figure(/at \$t = 1000\$ it is (\d\.\d+)/)).toBeCloseTo(beta2Hat(1000), 3);
    expect(figure(/with \$\\tau = (-\d\.\d+)\$\. At/)).toBe(tau);
    expect(figure(/covers about \$t\^\{(\d\.\d+)\}\$/)).toBeCloseTo(-tau, 12);
  });

  it('the relative step stays at γ for 1/γ² steps with the default γ', () => {
    expect(figure(/first \$1\/\\gamma\^2\$ steps \(([\d,]+) with/)).toBe(Math.round(1 / gamma ** 2));
    expect(figure(/default \$\\gamma = 10\^\{(-\d+)\}\$/)).toBe(Math.log10(gamma));
  });

  it('the memory of a 7-billion-parameter model: weights, Adam’s state, Adafactor’s share', () => {
    const params = 7e9;
    expect(figure(/the weights take (\d+) GB/)).toBeCloseTo((params * FLOAT32_BYTES) / 1e9, 9);
    const adam = stateMemory(optimizers.adam, [64, 64]).perParameter;
    expect(figure(/two averages another (\d+) GB/)).toBeCloseTo(stateGigabytes(adam, params), 9);
    expect(figure(/two for the Adam family — (\d+) GB/)).toBeCloseTo(stateGigabytes(adam, params), 9);
    const adafactor = stateMemory(optimizers.adafactor, [4096, 4096]).perParameter;
    expect(figure(/\$2\/(\d+)\$ of a number per parameter/)).toBe(2 / adafactor);
  });

  it('the questions’ arithmetic: a 1024×512 matrix, and the two 2×2 rebuilds', () => {
    expect(figure(/\$1024 \\times 512 = ([\d{},]+)\$/)).toBe(1024 * 512);
    expect(figure(/\$1024 \+ 512 = (\d+)\$/)).toBe(1536);
    expect(figure(/about (\d\.\d) % of Adam/)).toBeCloseTo((100 * 1536) / (1024 * 512), 1);
    const rebuild = (v: number[][]) => {
      const r = v.map((row) => row.reduce((a, b) => a + b) / row.length);
      const c = v[0].map((_, j) => v.reduce((a, row) => a + row[j], 0) / v.length);
      const meanR = r.reduce((a, b) => a + b) / r.length;
      return r.map((ri) => c.map((cj) => (ri * cj) / meanR));
    };
    expect(rebuild([[1, 2], [3, 6]])).toEqual([[1, 2], [3, 6]]);
    expect(rebuild([[1, 0], [0, 1]])).toEqual([[0.5, 0.5], [0.5, 0.5]]);
  });
});

describe('the Adafactor chapter’s widgets, re-run', () => {
  const at1000 = async (config: Parameters<typeof lossesAt>[0]) => (await lossesAt(config, [1000]))[0].train;

  it('race: on this seed Adafactor’s defaults end between Adam at 1e-3 and Adam at 1e-2; Adafactor with γ = 0.1 beats both', async () => {
    const [adamSlow, adamFast, adafactor] = raceConfigs('adafactor', 'adafactor-digits-race');
    expect([adamSlow.optimizer, adamSlow.hyper?.lr, adamFast.hyper?.lr, adafactor.optimizer]).toEqual(['adam', 1e-3, 1e-2, 'adafactor']);
    const [slow, fast, factored] = [await at1000(adamSlow), await at1000(adamFast), await at1000(adafactor)];
    expect(factored).toBeLessThan(slow / 2);
    expect(factored).toBeGreaterThan(fast);
    const bolder = raceConfigs('adafactor', 'adafactor-digits-race', { optimizers: 'adafactor(lr=0.1)' })[0];
    expect(await at1000(bolder)).toBeLessThan(fast);
  }, 600_000);

  it('trainer: d = 10 ends within a few percent of d = 1; τ = 0 is ahead at step 250 and behind at step 1000', async () => {
    const base = trainerWidgetConfig('adafactor', 'adafactor-trainer');
    expect([base.optimizer, base.dataset]).toEqual(['adafactor', 'digits']);
    const [b250, b1000] = await lossesAt(base, [250, 1000]);
    const d10 = await at1000(trainerWidgetConfig('adafactor', 'adafactor-trainer', { d: '10' }));
    expect(Math.abs(d10 / b1000.train - 1)).toBeLessThan(0.1);
    const [t250, t1000] = await lossesAt(trainerWidgetConfig('adafactor', 'adafactor-trainer', { beta2Decay: '0' }), [250, 1000]);
    expect(t250.train).toBeLessThan(b250.train);
    expect(t1000.train).toBeGreaterThan(b1000.train);
  }, 600_000);
});
