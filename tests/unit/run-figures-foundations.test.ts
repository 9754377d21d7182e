import { chapters } from '../../src/curriculum';
import { figureSuite } from './figures/figure-suite';

/** The figures of the chapters before Adam (run-figures.test.ts has the rest), in a file of their own so the two halves run side by side. */
const until = chapters.findIndex((c) => c.slug === 'adam');
figureSuite(chapters.slice(0, until).map((c) => c.slug), ['why-optimizers', 'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop']);
