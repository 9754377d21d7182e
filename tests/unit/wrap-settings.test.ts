/**
 * The settings side of wrappers and whole-number hyperparameters: trainer
 * attributes, per-run values in race and surface lists, permalinks, labels,
 * and the `integer` flag agreeing with what validation accepts.
 */
import { describe, expect, it } from 'vitest';
import { optimizers } from '../../src/optimizers';
import { validateHyper } from '../../src/optimizers/validate';
import { formatField, parseSettings, toAttributes } from '../../src/widgets/schema';
import { hyperFields, raceSchema, surfaceSchema, trainerSchema, wrapFields } from '../../src/widgets/specs';
import { runLabel } from '../../src/widgets/views';

const read = <S extends Parameters<typeof parseSettings>[0]>(schema: S, attrs: Record<string, string>) => parseSettings(schema, (n) => attrs[n] ?? null);

describe('wrapper settings', () => {
  it('are trainer attributes, off unless given, and written back only when given', () => {
    const plain = read(trainerSchema, {});
    expect([plain.values.sam, plain.values.lookahead, plain.values.lookaheadAlpha].every(Number.isNaN)).toBe(true);
    const { values, notes } = read(trainerSchema, { sam: '0.05', lookahead: '5', lookaheadAlpha: '0.3' });
    expect(notes).toEqual([]);
    expect([values.sam, values.lookahead, values.lookaheadAlpha]).toEqual([0.05, 5, 0.3]);
    expect(toAttributes(trainerSchema, values)).toEqual({ sam: '0.05', lookahead: '5', lookaheadAlpha: '0.3' });
    expect(Object.keys(wrapFields)).toEqual(['sam', 'lookahead', 'lookaheadAlpha']);
  });

  it('refuse what they cannot be, saying so', () => {
    expect(read(trainerSchema, { lookahead: '2.5' }).notes).toEqual(['lookahead: “2.5” is not a whole number; using 3']);
    expect(read(trainerSchema, { sam: '-1' }).notes).toEqual(['sam: “-1” is outside 0–1; using 0']);
    expect(read(trainerSchema, { lookaheadAlpha: '2' }).notes).toEqual(['lookaheadAlpha: “2” is outside 0–1; using 1']);
  });

  it('ride along with each run of a race or a surface, and round-trip through a permalink', () => {
    const text = 'sgd(lr=0.1),sgd(lr=0.1,sam=0.05),adam(lookahead=5,lookaheadAlpha=0.5)';
    for (const schema of [raceSchema, surfaceSchema]) {
      const { values, notes } = read(schema, { optimizers: text });
      expect(notes).toEqual([]);
      expect(values.optimizers).toEqual([
        { optimizer: 'sgd', hyper: { lr: 0.1 } },
        { optimizer: 'sgd', hyper: { lr: 0.1, sam: 0.05 } },
        { optimizer: 'adam', hyper: { lookahead: 5, lookaheadAlpha: 0.5 } },
      ]);
      expect(formatField(schema.optimizers, values.optimizers)).toBe(text);
    }
  });

  it('name the run: optimizer + wrappers, then their settings', () => {
    expect(runLabel({ optimizer: 'sgd', hyper: { lr: 0.1 } })).toBe('SGD (η 0.1)');
    expect(runLabel({ optimizer: 'sgd', hyper: { lr: 0.1, sam: 0.05 } })).toBe('SGD + SAM (η 0.1, ρ 0.05)');
    expect(runLabel({ optimizer: 'adam', hyper: { lookahead: 5 } })).toBe('Adam + Lookahead (η 0.001, k 5, α 0.5)');
    expect(runLabel({ optimizer: 'sgd', hyper: { sam: 0.1, lookahead: 6, lookaheadAlpha: 0.8 } }, 'digits')).toBe('SGD + SAM + Lookahead (η 0.1, ρ 0.1, k 6, α 0.8)');
    expect(runLabel({ optimizer: 'sgd', hyper: { lr: 0.1, sam: 0, lookahead: 0 } })).toBe('SGD (η 0.1)');
  });
});

describe('whole-number hyperparameters', () => {
  it('are flagged `integer` exactly where validation refuses a fraction', () => {
    const flagged: string[] = [];
    for (const opt of Object.values(optimizers)) {
      for (const [name, spec] of Object.entries(opt.hyper)) {
        const whole = Math.floor(spec.min) + 1;
        const refusesFraction = (() => {
          try {
            validateHyper(opt, { [name]: whole - 0.5 });
            return false;
          } catch {
            return true;
          }
        })();
        expect(() => validateHyper(opt, { [name]: Math.min(whole, spec.max) })).not.toThrow();
        expect({ id: opt.id, name, integer: !!spec.integer }).toEqual({ id: opt.id, name, integer: refusesFraction });
        if (spec.integer) flagged.push(`${opt.id}.${name}`);
      }
    }
    expect(flagged).toEqual(expect.arrayContaining(['muon.nsSteps', 'muon.nesterov', 'lars.nesterov', 'schedule-free-adamw.warmupSteps']));
  });

  it('are integer fields: a fraction in an attribute is noted and rounded', () => {
    expect(hyperFields.nsSteps.integer).toBe(true);
    expect(hyperFields.nesterov.integer).toBe(true);
    const { values, notes } = read(trainerSchema, { optimizer: 'muon', nsSteps: '2.5', nesterov: '0.2' });
    expect([values.nsSteps, values.nesterov]).toEqual([3, 0]);
    expect(notes.sort()).toEqual(['nesterov: “0.2” is not a whole number; using 0', 'nsSteps: “2.5” is not a whole number; using 3']);
    expect(read(trainerSchema, { nsSteps: '4' }).notes).toEqual([]);
  });
});
