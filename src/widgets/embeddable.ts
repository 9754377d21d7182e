import { defineLazy, engine, plotting, staged } from './lazy';

// The widgets other sites can use (through /widgets.js and /embed/). Heights (px)
// are what each measures at desktop width (taller on phones), reserved while its
// code loads so that the page does not jump.
defineLazy('descent-lr-demo', 360, () => staged(engine, plotting, () => import('./lr-demo')));
defineLazy('descent-surface', 460, () => staged(engine, plotting, () => import('./surface')));
defineLazy('descent-schedule', 520, () => staged(plotting, () => import('./schedule')));
defineLazy('descent-inspector', 330, () => staged(engine, () => import('./inspector')));
defineLazy('descent-trainer', 560, () => staged(engine, plotting, () => import('./trainer')));
defineLazy('descent-race', 490, () => staged(engine, plotting, () => import('./race')));
