import { defineLazy } from './lazy';

defineLazy('descent-lr-demo', () => import('./lr-demo'));
defineLazy('descent-surface', () => import('./surface'));
defineLazy('descent-schedule', () => import('./schedule'));
defineLazy('descent-inspector', () => import('./inspector'));
defineLazy('descent-trainer', () => import('./trainer'));
defineLazy('descent-race', () => import('./race'));
