import { describe, expect, it } from 'vitest';
import { predicts, type PredictSpec } from '../../src/predict/predicts';
import { answersOf, choicesOf, predictProblems, questionOf, raceTrainerConfigs } from '../../src/predict/outcome';
import { parseAnswer, readNumber, type Question } from '../../src/predict/question';
import { divergedOf, judge, rangeOf, ruleText, valueOf, verdict, winnerOf } from '../../src/predict/verdict';
import { createTrainer } from '../../src/train/trainer';
import { leaderboard, type Standing } from '../../src/widgets/views';

/**
 * A race re-run through the engine to its last step, as the page's race runs it:
 * in slices, each ending with the trainer's divergence check (the page's slices
 * are timed, longer than these), so a run counts as diverged here as it would there.
 */
async function rerun(race: Record<string, string>): Promise<Standing[]> {
  const steps = Number(race.steps);
  const standings: Standing[] = [];
  for (const config of raceTrainerConfigs(race)) {
    const trainer = await createTrainer(config);
    try {
      while (trainer.step < steps && !trainer.diverged) trainer.train(Math.min(25, steps - trainer.step));
      const { train, test, testAccuracy } = trainer.losses();
      standings.push({ train, test, accuracy: testAccuracy, diverged: trainer.diverged });
    } finally {
      trainer.dispose();
    }
  }
  return standings;
}

/**
 * The numbers the numeric questions' runs end at, filled in by their re-runs below: to six
 * significant digits, so that the key's range, printed to the page's four, is the page's
 * own, while a change below that (another summation order) does not rewrite the key.
 */
const computed: Record<string, number> = {};

/** Every Predict's race, re-run: its answer key must be what the page will show. */
describe('Predict answer keys', () => {
  it.each(predicts.map((p) => [p.id, p] as const))('%s', async (_, p) => {
    const standings = await rerun(p.race);
    // The page's race announces its end when it reaches its last step, which a race whose every run diverged never does.
    expect(standings.some((s) => !s.diverged), 'a run that reaches the last step').toBe(true);
    if (p.kind === 'diverges') {
      expect(divergedOf(standings, p.run), `run ${p.run} diverges`).toBe(p.diverges);
    } else if (p.kind === 'number') {
      const value = valueOf(standings, p.run, p.read);
      // A numeric question about a run that diverges would have no answer.
      expect(standings[p.run].diverged, 'the run that a numeric question reads diverges').toBe(false);
      expect(Number.isFinite(value), `${p.read} of run ${p.run}`).toBe(true);
      computed[p.id] = Number(value.toPrecision(6));
    } else {
      const choices = choicesOf(p.race);
      expect(choices[winnerOf(standings)], p.id).toBe(choices[p.answer]);
      if (p.last !== undefined) expect(choices[leaderboard(standings).at(-1)!], 'the run that ends last').toBe(choices[p.last]);
      expect(standings.flatMap((s, i) => (s.diverged ? [i] : [])), 'runs that diverge').toEqual(p.diverged ?? []);
    }
  }, 300_000);

  // Runs after the re-runs above (a file's tests run in order). `-u` rewrites the file after a change of engine or setup.
  it('of the numeric questions are the computed numbers, in src/predict/answer-key.json', async () => {
    const numeric = predicts.filter((p) => p.kind === 'number').map((p) => p.id).sort();
    expect(Object.keys(computed).sort(), 'every numeric question was re-run').toEqual(numeric);
    const key = Object.fromEntries(numeric.map((id) => [id, computed[id]]));
    await expect(`${JSON.stringify(key, null, 2)}\n`).toMatchFileSnapshot('../../src/predict/answer-key.json');
  });
});

describe('the specs', () => {
  it('are valid and have unique ids', () => {
    for (const p of predicts) expect(predictProblems(p), p.id).toEqual([]);
    expect(new Set(predicts.map((p) => p.id)).size).toBe(predicts.length);
  });

  it('mix the three kinds of question', () => {
    const kinds = new Set(predicts.map((p) => p.kind ?? 'winner'));
    expect([...kinds].sort()).toEqual(['diverges', 'number', 'winner']);
  });

  const base = { id: 'predict-test', chapter: 'lion', goal: 'A goal long enough to say something.', question: 'What happens?', race: { optimizers: 'sgd(lr=0.1),adam', dataset: 'sine', steps: '100' } };
  const problems = (p: object) => predictProblems(p as PredictSpec).join('; ');

  it('refuse what a page could not ask or a run could not answer', () => {
    expect(problems({ ...base, answer: 1 })).toBe('');
    expect(problems({ ...base, answer: 2 })).toMatch(/answer 2: the race has runs 0 to 1/);
    expect(problems({ ...base, id: 'Predict_Test', answer: 0 })).toMatch(/^id "Predict_Test"/);
    expect(problems({ ...base, question: 'Say', answer: 0 })).toMatch(/question mark/);
    expect(problems({ ...base, race: { optimizers: 'sgd', dataset: 'sine' }, answer: 0 })).toMatch(/give "steps"/);
    expect(problems({ ...base, race: { ...base.race, seeds: '3' }, answer: 0 })).toMatch(/one seed/);
    expect(problems({ ...base, race: { ...base.race, lock: 'dataset' }, answer: 0 })).toMatch(/"lock" is set by <Predict>/);
    expect(problems({ ...base, race: { ...base.race, optimizers: 'nosuch' }, answer: 0 })).toMatch(/^race: /);
    expect(problems({ ...base, answer: 0, last: 0 })).toMatch(/last 0/);
    expect(problems({ ...base, answer: 0, diverged: [0] })).toMatch(/not the winner/);
    expect(problems({ ...base, kind: 'diverges', run: 0, diverges: true })).toBe('');
    expect(problems({ ...base, kind: 'diverges', run: 2, diverges: true })).toMatch(/run 2/);
    expect(problems({ ...base, kind: 'diverges', run: 0 })).toMatch(/diverges: true or false/);
    expect(problems({ ...base, kind: 'guess', answer: 0 })).toMatch(/kind "guess"/);
  });

  it('refuse a numeric question without a quantity the set has or a sensible tolerance', () => {
    const number = { ...base, kind: 'number', run: 1, read: 'train', tolerance: { relative: 0.25 } };
    expect(problems(number)).toBe('');
    expect(problems({ ...number, read: 'accuracy' })).toMatch(/sine is not a classification set/);
    expect(problems({ ...number, race: { ...base.race, dataset: 'moons' }, read: 'accuracy', tolerance: { absolute: 5 } })).toBe('');
    expect(problems({ ...number, read: 'step' })).toMatch(/read "step"/);
    expect(problems({ ...number, tolerance: { relative: 25 } })).toMatch(/between 0 and 1/);
    expect(problems({ ...number, tolerance: { relative: 0 } })).toMatch(/between 0 and 1/);
    expect(problems({ ...number, tolerance: { absolute: -1 } })).toMatch(/positive number/);
    expect(problems({ ...number, tolerance: { absolute: Infinity } })).toMatch(/positive number/);
    expect(problems({ ...number, tolerance: { relative: 0.1, absolute: 1 } })).toMatch(/one of them/);
    expect(problems({ ...number, tolerance: {} })).toMatch(/one of them/);
  });

  it('give the page the question without its answer key', () => {
    const diverges = predicts.find((p) => p.kind === 'diverges')!;
    const run = (diverges as { run: number }).run;
    expect(questionOf(diverges)).toEqual({ kind: 'diverges', run, label: choicesOf(diverges.race)[run] });
    expect(JSON.stringify(questionOf(diverges))).not.toContain('true');
    expect(answersOf(diverges)).toEqual(['It diverges', 'It trains to the end']);
    const number = predicts.find((p) => p.kind === 'number')!;
    expect(Object.keys(questionOf(number)).sort()).toEqual(['kind', 'read', 'run', 'tolerance']);
    expect(answersOf(number)).toEqual([]);
    const winner = predicts.find((p) => p.id === 'predict-momentum')!;
    expect(questionOf(winner)).toEqual({ kind: 'winner' });
    expect(answersOf(winner)).toEqual(choicesOf(winner.race));
  });
});

describe('the outcome of a race', () => {
  const s = (train: number, diverged = false, more: Partial<Standing> = {}): Standing => ({ train, test: null, diverged, ...more });
  it('is the lowest training loss among the runs that did not diverge', () => {
    expect(winnerOf([s(0.3), s(0.1, true), s(0.2)])).toBe(2);
  });
  it('is no run when all diverged', () => {
    expect(winnerOf([s(1, true), s(2, true)])).toBe(-1);
  });
  it('sets the reader\'s answer beside it', () => {
    expect(verdict(['A', 'B'], 0, 1)).toEqual({ text: 'You said A · the run says B.', right: false });
    expect(verdict(['A', 'B'], 1, 1).right).toBe(true);
    expect(verdict(['A', 'B'], 0, -1).text).toContain('every run diverged');
  });
  it('reads a run\'s number, and none from a run that diverged or could not run', () => {
    const standings = [s(0.25, false, { test: 0.5, accuracy: 0.964 }), s(NaN, true), s(NaN, false, { error: 'refused' })];
    expect(valueOf(standings, 0, 'train')).toBe(0.25);
    expect(valueOf(standings, 0, 'test')).toBe(0.5);
    expect(valueOf(standings, 0, 'accuracy')).toBeCloseTo(96.4, 10);
    expect(valueOf(standings, 1, 'train')).toBeNaN();
    expect(valueOf(standings, 2, 'train')).toBeNaN();
    expect(valueOf([s(0.2)], 0, 'test')).toBeNaN(); // no test set
    expect(divergedOf(standings, 1)).toBe(true);
    expect(divergedOf(standings, 2)).toBe(false);
  });
});

describe('a verdict', () => {
  const s = (train: number, diverged = false, accuracy: number | null = null): Standing => ({ train, test: null, accuracy, diverged });

  it('on a winner question, as before', () => {
    expect(judge({ kind: 'winner' }, 1, [s(0.3), s(0.1)], ['A', 'B'])).toEqual({ text: 'You said B · the run says B — right.', right: true });
  });

  it('on a divergence question, both ways', () => {
    const q: Question = { kind: 'diverges', run: 1, label: 'SGD (η 1)' };
    const choices = ['It diverges', 'It trains to the end'];
    expect(judge(q, 0, [s(0.1), s(NaN, true)], choices)).toEqual({ text: 'You said it diverges · SGD (η 1) diverged — right.', right: true });
    expect(judge(q, 0, [s(0.1), s(0.2)], choices)).toEqual({ text: 'You said it diverges · SGD (η 1) trained to the end.', right: false });
    expect(judge(q, 1, [s(0.1), s(0.2)], choices).right).toBe(true);
    expect(judge(q, 1, [s(0.1, true), s(0.2)], choices).right).toBe(true); // another run diverging is not the question
  });

  it('on a number within a relative tolerance: inside, on the edge, outside', () => {
    const q: Question = { kind: 'number', run: 0, read: 'train', tolerance: { relative: 0.25 } };
    expect(judge(q, 0.09, [s(0.08)], [])).toEqual({ text: 'You said 0.09 · the run says 0.08 — right: anything from 0.06 to 0.1 counts.', right: true });
    expect(judge(q, 0.1, [s(0.08)], []).right).toBe(true);
    expect(judge(q, 0.05, [s(0.08)], [])).toEqual({ text: 'You said 0.05 · the run says 0.08 — anything from 0.06 to 0.1 would have counted.', right: false });
  });

  it('on a number within an absolute range, in percent for accuracy, never past 100 %', () => {
    const q: Question = { kind: 'number', run: 0, read: 'accuracy', tolerance: { absolute: 5 } };
    expect(judge(q, 93, [s(0.1, false, 0.97)], [])).toEqual({ text: 'You said 93 % · the run says 97 % — right: anything from 92 % to 100 % counts.', right: true });
    expect(judge(q, 50, [s(0.1, false, 0.97)], []).right).toBe(false);
    expect(rangeOf(0.02, { absolute: 0.05 }, 'train')).toEqual([0, 0.07]);
  });

  it('on a number when the run diverged: no number to compare, so not right', () => {
    const q: Question = { kind: 'number', run: 0, read: 'train', tolerance: { relative: 0.25 } };
    expect(judge(q, 0.1, [s(NaN, true)], [])).toEqual({ text: 'You said 0.1 · the run diverged, so it has no training loss to compare.', right: false });
    expect(judge(q, 0.1, [s(NaN)], []).right).toBe(false);
  });

  it('states its rule before the run', () => {
    expect(ruleText({ relative: 0.25 }, 'train')).toBe("Answers within ±25 % of the run's training loss count as right.");
    expect(ruleText({ absolute: 5 }, 'accuracy')).toBe("Answers within ±5 percentage points of the run's test accuracy count as right.");
  });
});

describe('a typed answer', () => {
  it('is a number: decimals, exponents, a decimal comma, a trailing %', () => {
    expect(readNumber('0.05')).toEqual({ value: 0.05 });
    expect(readNumber('  .5 ')).toEqual({ value: 0.5 });
    expect(readNumber('1e-3')).toEqual({ value: 0.001 });
    expect(readNumber('0,25')).toEqual({ value: 0.25 });
    expect(readNumber('96 %')).toEqual({ value: 96 });
    expect(readNumber('300')).toEqual({ value: 300 });
  });

  it('that is empty or not a number is a problem to tell the reader', () => {
    expect(readNumber('')).toEqual({ problem: 'Type a number first.' });
    expect(readNumber('   ')).toEqual({ problem: 'Type a number first.' });
    for (const text of ['abc', 'NaN', 'Infinity', '0x10', '1,000.5', '1..2', '1e', '--1', '½']) expect(readNumber(text), text).toHaveProperty('problem');
    expect(readNumber('1e999')).toEqual({ problem: 'That number is too large.' });
    expect(readNumber('1,000')).toEqual({ problem: 'Is “1,000” 1000 or 1.000? Write it with a decimal point and no separators.' });
  });

  it('comes back from the link only when it is an answer the question takes', () => {
    const number: Question = { kind: 'number', run: 0, read: 'train', tolerance: { relative: 0.25 } };
    expect(parseAnswer(number, '0.05', 0)).toBe(0.05);
    expect(parseAnswer(number, 'nope', 0)).toBeUndefined();
    expect(parseAnswer(number, '', 0)).toBeUndefined();
    expect(parseAnswer(number, undefined, 0)).toBeUndefined();
    const diverges: Question = { kind: 'diverges', run: 0, label: 'SGD (η 1)' };
    expect(parseAnswer(diverges, '1', 2)).toBe(1);
    expect(parseAnswer(diverges, '2', 2)).toBeUndefined();
    expect(parseAnswer(diverges, '-1', 2)).toBeUndefined();
    expect(parseAnswer(diverges, '0.5', 2)).toBeUndefined();
  });
});
