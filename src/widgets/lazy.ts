/**
 * The only widget code a page loads up front. Each `descent-*` element is a
 * light shell; its implementation (and TensorFlow.js, and Plot) is fetched with
 * import() only when the element first comes near the viewport.
 */
import type { Reserve } from './heights';

export interface Mounted {
  disconnect?(): void;
}

/** What every descent-* element offers scripts and tests, besides its attributes. */
export interface WidgetElement extends HTMLElement {
  /** Resolves once the widget has loaded and drawn (after it first comes into view). */
  readonly ready: Promise<void>;
  /** Live TensorFlow.js tensors of the page and of its training Worker (all widgets share them): a leak check. */
  readonly tensorCount: number | undefined;
}
export type Mount = (host: HTMLElement) => Mounted | Promise<Mounted>;

/** Resolves in a later task of the event loop, letting input and rendering in between. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// The heavy libraries the widgets share, to load ahead of a widget's own code.
export const engine = () => import('../train/tf');
/** The training engine's Worker, started while the rest loads (trainers and races train there). */
export const trainingEngine = () => import('./engine-client').then((m) => m.engine());
export const plotting = () => import('@observablehq/plot');

/**
 * Loads modules one after another, each evaluated in its own task, and returns
 * the last: say TensorFlow.js, then Plot, then the widget. Evaluated together
 * they make one long task (some 150 ms on a mid-range phone) that would hold up
 * a reader's taps and scrolling while a widget starts.
 */
export async function staged<T>(...loads: [...(() => Promise<unknown>)[], () => Promise<T>]): Promise<T> {
  for (const load of loads.slice(0, -1)) {
    await load();
    await nextTask();
  }
  return (loads[loads.length - 1] as () => Promise<T>)();
}

/** From this width (px) a widget's plots stand side by side (two columns of at least 260 px in the frame). */
export const WIDE = 560;

/**
 * The reserved box: the host keeps the height its finished layout will have,
 * and its content stays invisible until the widget has drawn, so that neither
 * the page nor the widget's own controls move while it builds. A constructed
 * sheet, because widgets replace their shadow root's children when they mount.
 */
function reserve(root: ShadowRoot, height: number): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`:host{display:block!important;min-height:${height}px} :host > :not(slot){visibility:hidden}`);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return () => (root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet));
}

/** @param height a Reserve, or one height for every width */
export function defineLazy(tag: string, height: Reserve | number | ((el: HTMLElement) => Reserve), load: () => Promise<{ mount: Mount }>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement implements WidgetElement {
      #observer?: IntersectionObserver;
      #mounted?: Promise<Mounted>;
      #resolve!: () => void;
      #release = () => {};
      readonly ready = new Promise<void>((r) => (this.#resolve = r));
      get tensorCount() {
        // The page's tensors, plus the training Worker's as of its last reply.
        const g = globalThis as { __descentTensorCount?: () => number; __descentEngineTensors?: number };
        const here = g.__descentTensorCount?.();
        return here === undefined && g.__descentEngineTensors === undefined ? undefined : (here ?? 0) + (g.__descentEngineTensors ?? 0);
      }
      connectedCallback() {
        if (this.#mounted) return;
        // The shadow root exists from the start so that `hidden="8,8"` (the layer
        // sizes, not the global attribute) cannot hide the element, and the
        // light-DOM fallback shows until the widget loads.
        if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).innerHTML = '<slot></slot>';
        const { narrow, wide } = typeof height === 'number' ? { narrow: height, wide: height } : typeof height === 'function' ? height(this) : height;
        this.#release = reserve(this.shadowRoot!, this.getBoundingClientRect().width < WIDE ? narrow : wide);
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            // A turn of the event loop between evaluating the widget's modules and
            // mounting it, so that the two are separate tasks, each shorter than
            // one long one (which would hold up a reader's taps and scrolling).
            this.#mounted = load().then(async ({ mount }) => {
              await nextTask();
              return mount(this);
            });
            this.#mounted.then(() => {
              this.#release();
              this.#resolve();
            });
          },
          { rootMargin: '200px' },
        );
        this.#observer.observe(this);
      }
      disconnectedCallback() {
        this.#observer?.disconnect();
        this.#release();
        this.#mounted?.then((m) => m.disconnect?.());
        this.#mounted = undefined;
      }
    },
  );
}
