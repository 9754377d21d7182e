import { defineLazy, engine, plotting, staged } from './lazy';

// The widgets other sites can use (through /widgets.js and /embed/). Heights (px)
// are what each typically measures on a phone and on a desktop, reserved while its
// code loads so that the page does not jump; src/styles/site.css has the same.
defineLazy('descent-lr-demo', { narrow: 616, wide: 335 }, () => staged(engine, plotting, () => import('./lr-demo')));
defineLazy('descent-surface', { narrow: 1000, wide: 547 }, () => staged(engine, plotting, () => import('./surface')));
defineLazy('descent-schedule', { narrow: 718, wide: 526 }, () => staged(plotting, () => import('./schedule')));
defineLazy('descent-inspector', { narrow: 494, wide: 333 }, () => staged(engine, () => import('./inspector')));
defineLazy('descent-trainer', { narrow: 1110, wide: 640 }, () => staged(engine, plotting, () => import('./trainer')));
defineLazy('descent-race', { narrow: 840, wide: 580 }, () => staged(engine, plotting, () => import('./race')));
