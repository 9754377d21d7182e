/**
 * Every "Predict, then run" question in the book: a locked race, a question
 * about how it ends, and the answer the reader must commit before Play is
 * enabled. Three kinds of question:
 *
 * - `winner` (the default): which run ends with the lowest training loss;
 * - `diverges`: does one run of the race diverge before the last step;
 * - `number`: what number one run ends at (its training or test loss, or its
 *   test accuracy), typed by the reader and right within a stated tolerance.
 *
 * The page takes the outcome from the race itself. The answer key is never a
 * result typed here: a winner's or a divergence's answer is written down and
 * checked against a re-run of the same setup in tests/unit/predicts.test.ts, and
 * a number is computed by that same re-run into answer-key.json (its file
 * snapshot), which the Assignments page prints. Here a numeric question holds
 * only what to read and how close counts. The Assignments page and the
 * chapters' <Predict id="…"> both read this list.
 */
import { predictProblems } from './outcome';
import type { Quantity, Tolerance } from './question';

interface Common {
  /** The Predict's id: its key in permalinks and the fragment of its link (its race is `<id>-race`). */
  id: string;
  /** The chapter (slug) whose page holds it. */
  chapter: string;
  /** What the reader should understand after predicting and running it. */
  goal: string;
  /** The question, in full. */
  question: string;
  /** The race's attributes, as a chapter would write them on <Widget kind="race">; `steps` is required, since the question names it. */
  race: Record<string, string>;
}

/** Which run ends with the lowest training loss? */
export interface WinnerPredict extends Common {
  kind?: 'winner';
  /** Index (into the race's runs) of the run with the lowest training loss at the last step. */
  answer: number;
  /** The run that ends last, where the explanation says which (the test checks it). */
  last?: number;
  /** Indices of the runs that diverge (the explanation says so; the test checks it). */
  diverged?: number[];
}

/** Does run `run` diverge before the race's last step? */
export interface DivergesPredict extends Common {
  kind: 'diverges';
  run: number;
  /** The answer key, checked by the re-run. */
  diverges: boolean;
}

/** What does run `run` read at the last step? The reader types a number; within `tolerance` of the run's counts. */
export interface NumberPredict extends Common {
  kind: 'number';
  run: number;
  read: Quantity;
  tolerance: Tolerance;
}

export type PredictSpec = WinnerPredict | DivergesPredict | NumberPredict;

export const predicts: PredictSpec[] = [
  {
    id: 'predict-lr-size',
    chapter: 'why-optimizers',
    goal: 'The step length decides whether training helps: too small crawls, too large overshoots.',
    question: 'Three runs of SGD differ only in the learning rate. After 500 steps, which has the lowest training loss?',
    race: { optimizers: 'sgd(lr=0.03),sgd(lr=0.3),sgd(lr=3)', dataset: 'circles', batch: '10', steps: '500' },
    answer: 1,
    last: 2,
  },
  {
    id: 'predict-full-batch-lr',
    chapter: 'gradient-descent',
    goal: 'On a network, as on a quadratic, gradient descent has a stability limit on η; below it, larger is faster.',
    question: 'Full-batch gradient descent on the sine data, with three learning rates. After 300 steps, which has the lowest training loss?',
    race: { optimizers: 'sgd(lr=0.03),sgd(lr=0.1),sgd(lr=1)', dataset: 'sine', batch: '100', steps: '300' },
    answer: 1,
    diverged: [2],
  },
  {
    id: 'predict-batch-one',
    chapter: 'sgd',
    goal: 'With one example per step, each step carries that example\'s noise times η: too small a rate crawls, too large a rate never settles.',
    question: 'SGD with a batch of one example per step, at three learning rates. After 1000 steps, which has the lowest training loss?',
    race: { optimizers: 'sgd(lr=0.01),sgd(lr=0.1),sgd(lr=1)', dataset: 'circles', batch: '1', steps: '1000' },
    answer: 1,
  },
  {
    id: 'predict-momentum',
    chapter: 'momentum',
    goal: 'With consistent gradients, momentum μ multiplies the effective step by about 1/(1 − μ).',
    question: 'SGD and heavy-ball momentum (μ = 0.9) share the learning rate 0.01. After 500 steps, which has the lower training loss?',
    race: { optimizers: 'sgd(lr=0.01),momentum(lr=0.01,momentum=0.9)', dataset: 'circles', batch: '10', steps: '500' },
    answer: 1,
  },
  {
    id: 'predict-nesterov',
    chapter: 'nesterov',
    goal: "Nesterov's look-ahead damps oscillation but lowers the largest stable learning rate: near the limit, heavy ball survives where Nesterov diverges.",
    question: 'Full-batch heavy ball and Nesterov momentum, both with η = 0.3 and μ = 0.9. After 300 steps, which has the lower training loss?',
    race: { optimizers: 'momentum(lr=0.3,momentum=0.9),nesterov(lr=0.3,momentum=0.9)', dataset: 'sine', batch: '100', steps: '300' },
    answer: 0,
    diverged: [1],
  },
  {
    id: 'predict-rmsprop',
    chapter: 'rmsprop',
    goal: "Adagrad's sum only grows, so its steps only shrink; RMSprop's average forgets and keeps the step near η.",
    question: 'Adagrad and RMSprop, both with η = 0.01. After 1000 steps, which has the lower training loss?',
    race: { optimizers: 'adagrad(lr=0.01),rmsprop(lr=0.01)', dataset: 'circles', batch: '10', steps: '1000' },
    answer: 1,
  },
  {
    id: 'predict-adadelta',
    chapter: 'adadelta',
    goal: "Adadelta's step is set by its ε at first; η multiplies it, and Keras's default η = 0.001 makes every step a thousandth of the paper's.",
    question: 'Adadelta at the paper\'s η = 1, Adadelta at Keras\'s default η = 0.001, and RMSprop. After 500 steps, which has the lowest training loss?',
    race: { optimizers: 'adadelta(lr=1),adadelta(lr=0.001),rmsprop(lr=0.01)', dataset: 'circles', batch: '10', steps: '500' },
    answer: 2,
    last: 1,
  },
  {
    id: 'predict-lion',
    chapter: 'lion',
    goal: "Lion moves every coordinate by exactly η per step, so its learning rate is a step length: ten times too long and it overshoots.",
    question: 'Adam and Lion at the same η = 0.01, and Lion at 0.1. After 500 steps, which has the lowest training loss?',
    race: { optimizers: 'adam(lr=0.01),lion(lr=0.01),lion(lr=0.1)', dataset: 'moons', batch: '10', steps: '500' },
    answer: 1,
    last: 2,
  },
  {
    id: 'predict-weight-decay',
    chapter: 'adam-family',
    goal: 'Decoupled weight decay holds the weights small: it costs training loss, whatever it does for the test loss.',
    question: 'Adam, and AdamW with weight decay 0.1, at the same η. After 1000 steps, which has the lower training loss?',
    race: { optimizers: 'adam(lr=0.01),adamw(lr=0.01,weightDecay=0.1)', dataset: 'moons', noise: '0.3', layers: '16,16', steps: '1000' },
    answer: 0,
  },
  {
    id: 'predict-clip-none',
    chapter: 'clipping',
    kind: 'diverges',
    goal: 'Above the stability limit every step overshoots by more than the last: a learning rate too large for the network makes the loss run away.',
    question: 'Plain SGD with η = 1 fits the sine data on mini-batches of 10, without clipping, beside the same SGD at η = 0.5. Does the run at η = 1 diverge within 100 steps?',
    race: { optimizers: 'sgd(lr=1),sgd(lr=0.5)', dataset: 'sine', steps: '100' },
    run: 0,
    diverges: true,
  },
  {
    id: 'predict-clip-norm',
    chapter: 'clipping',
    kind: 'diverges',
    goal: 'Clipping the global norm at c bounds every step at ηc, so the run cannot run away, however large η is; it still cannot settle.',
    question: 'The same SGD with the gradient’s global norm clipped at c = 1, and three times the learning rate, η = 3. Does the run diverge within 1000 steps?',
    race: { optimizers: 'sgd(lr=3)', dataset: 'sine', clip: 'norm', threshold: '1', steps: '1000' },
    run: 0,
    diverges: false,
  },
  {
    id: 'predict-lion-cosine',
    chapter: 'lion',
    kind: 'number',
    goal: 'A constant-η Lion hovers at a floor set by η; annealing η to zero keeps the fast start and goes below that floor.',
    question: 'Lion at η = 0.01 on the full-batch sine fit, with η annealed to zero along a cosine over 2000 steps. What is its training loss at step 2000?',
    race: { optimizers: 'lion(lr=0.01)', dataset: 'sine', batch: '100', schedule: 'cosine', totalSteps: '2000', steps: '2000' },
    run: 0,
    read: 'train',
    tolerance: { relative: 0.25 },
  },
  {
    id: 'predict-adadelta-start',
    chapter: 'adadelta',
    kind: 'number',
    goal: "Adadelta's first steps are about η√(ε/(1 − ρ)) long whatever the gradient: ε, not η, sets how fast it starts.",
    question: "Adadelta at the paper's η = 1 (with PyTorch's ρ = 0.9 and ε = 10⁻⁶) trains a network on the two circles. What is the training loss after 100 steps?",
    race: { optimizers: 'adadelta(lr=1)', dataset: 'circles', steps: '100' },
    run: 0,
    read: 'train',
    tolerance: { absolute: 0.02 },
  },
  {
    id: 'predict-adam-overfit',
    chapter: 'adam-family',
    kind: 'number',
    goal: 'Without weight decay, a network that can fit the noise does: the training loss keeps falling while the test loss climbs.',
    question: 'Adam at η = 0.01 (AdamW with λ = 0) beside AdamW with λ = 0.1, on the noisy moons with a 2-16-16-1 network. After 3000 steps, what is Adam’s test loss?',
    race: { optimizers: 'adam(lr=0.01),adamw(lr=0.01,weightDecay=0.1)', dataset: 'moons', noise: '0.3', layers: '16,16', steps: '3000' },
    run: 0,
    read: 'test',
    tolerance: { relative: 0.25 },
  },
  {
    id: 'predict-large-batch',
    chapter: 'large-batches',
    kind: 'number',
    goal: 'A larger batch makes a larger learning rate safe (the linear scaling rule); it does not make the small rate faster.',
    question: 'SGD on the digits at η = 0.1 and at η = 1.6, now on batches of 512. After 300 steps, what test accuracy does η = 1.6 reach?',
    race: { optimizers: 'sgd(lr=0.1),sgd(lr=1.6)', dataset: 'digits', batch: '512', steps: '300' },
    run: 1,
    read: 'accuracy',
    tolerance: { absolute: 3 },
  },
  {
    id: 'predict-edge-of-stability',
    chapter: 'sharpness',
    kind: 'diverges',
    goal: 'Full-batch gradient descent on a network does not diverge when its sharpness reaches 2/η: it hovers at the edge of stability while the loss keeps falling.',
    question: 'Full-batch gradient descent at η = 0.15, whose sharpness — the largest eigenvalue of the Hessian — starts below 2/η ≈ 13.3 and rises as the loss falls. Does the run diverge within 2000 steps?',
    race: { optimizers: 'sgd(lr=0.15)', dataset: 'sine', layers: '16,16', activation: 'tanh', noise: '0.1', batch: '100', seed: '1', steps: '2000' },
    run: 0,
    diverges: false,
  },
  {
    id: 'predict-muon-digits',
    chapter: 'muon',
    kind: 'number',
    goal: "Muon's orthogonalised update moves a hidden matrix in every direction at once, and reaches in a few hundred steps what AdamW at its default rate needs many more for.",
    question: 'Muon (η = 0.02) against AdamW on every tensor at its default η = 0.001 and at η = 0.01, on the digits with batches of 32. After 300 steps, what test accuracy does Muon reach?',
    race: { optimizers: 'muon(lr=0.02),adamw(lr=0.001),adamw(lr=0.01)', dataset: 'digits', steps: '300' },
    run: 0,
    read: 'accuracy',
    tolerance: { absolute: 3 },
  },
];

/** The spec of a <Predict id>: a missing or broken one is a build error. */
export const predictById = (id: string): PredictSpec => {
  const found = predicts.find((p) => p.id === id);
  if (!found) throw new Error(`<Predict>: no question "${id}" in src/predict/predicts.ts`);
  const problems = predictProblems(found);
  if (problems.length) throw new Error(`<Predict id="${id}">: ${problems.join('; ')}`);
  return found;
};
