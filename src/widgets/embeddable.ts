import { reserved, reserveFor } from './heights';
import { defineLazy, engine, plotting, staged, trainingEngine } from './lazy';

// The widgets other sites can use (through /widgets.js and /embed/).
defineLazy('descent-lr-demo', reserved['descent-lr-demo'], () => staged(engine, plotting, () => import('./lr-demo')));
defineLazy('descent-surface', reserved['descent-surface'], () => staged(engine, plotting, () => import('./surface')));
defineLazy('descent-schedule', reserved['descent-schedule'], () => staged(plotting, () => import('./schedule')));
defineLazy('descent-inspector', reserved['descent-inspector'], () => staged(engine, () => import('./inspector')));
defineLazy('descent-trainer', (el) => reserveFor('descent-trainer', (name) => el.getAttribute(name)), () => staged(trainingEngine, plotting, () => import('./trainer')));
defineLazy('descent-race', (el) => reserveFor('descent-race', (name) => el.getAttribute(name)), () => staged(trainingEngine, plotting, () => import('./race')));
// The Lab's playground: the reader's code runs in a Worker of its own (module-worker.ts), on this site and from /widgets.js.
defineLazy('descent-playground', reserved['descent-playground'], () => staged(plotting, () => import('./playground')));
