import { reserved } from './heights';
import { defineLazy, engine, staged } from './lazy';
import './embeddable';

// Exercises run student code in a Web Worker that Vite builds for the site; they are
// not part of /widgets.js.
defineLazy('descent-exercise', reserved['descent-exercise'], () => staged(engine, () => import('./exercise')));
