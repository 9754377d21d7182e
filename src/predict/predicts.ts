/**
 * Every "Predict, then run" question in the book: a locked race, the question
 * "which run ends with the lowest training loss?", and the run the reader must
 * name before Play is enabled. The page takes the outcome from the race itself;
 * `answer` (the answer key) is checked against a re-run of the same setup in
 * tests/unit/predicts.test.ts, so it cannot drift from what the page shows.
 * The Assignments page and the chapters' <Predict id="…"> both read this list.
 */
export interface PredictSpec {
  /** The race widget's id: its key in permalinks and the fragment of its link. */
  id: string;
  /** The chapter (slug) whose page holds it. */
  chapter: string;
  /** What the reader should understand after predicting and running it. */
  goal: string;
  /** The question, in full. */
  question: string;
  /** The race's attributes, as a chapter would write them on <Widget kind="race">. */
  race: Record<string, string>;
  /** Index (into the race's runs) of the run with the lowest training loss at the last step. */
  answer: number;
  /** The run that ends last, where the explanation says which (the test checks it). */
  last?: number;
  /** Indices of the runs that diverge (the explanation says so; the test checks it). */
  diverged?: number[];
}

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
];

export const predictById = (id: string): PredictSpec => {
  const found = predicts.find((p) => p.id === id);
  if (!found) throw new Error(`<Predict>: no question "${id}" in src/predict/predicts.ts`);
  return found;
};
