import { defineLazy } from './lazy';

// The widgets other sites can use (through /widgets.js and /embed/). Heights (px)
// are what each measures at desktop width (taller on phones), reserved while its
// code loads so that the page does not jump.
defineLazy('descent-lr-demo', 360, () => import('./lr-demo'));
defineLazy('descent-surface', 460, () => import('./surface'));
defineLazy('descent-schedule', 520, () => import('./schedule'));
defineLazy('descent-inspector', 330, () => import('./inspector'));
defineLazy('descent-trainer', 560, () => import('./trainer'));
defineLazy('descent-race', 490, () => import('./race'));
