import { reserved } from './heights';
import { defineLazy, engine, plotting, staged } from './lazy';
import './embeddable';

// Exercises run student code in a Web Worker that Vite builds for the site; they are
// not part of /widgets.js.
defineLazy('descent-exercise', reserved['descent-exercise'], () => staged(engine, () => import('./exercise')));
// The Lab's playground runs the reader's code in a Worker of its own that Vite builds for the site; not in /widgets.js either.
defineLazy('descent-playground', reserved['descent-playground'], () => staged(plotting, () => import('./playground')));
