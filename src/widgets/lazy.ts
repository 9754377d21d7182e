/**
 * The only widget code a page loads up front. Each `descent-*` element is a
 * light shell; its implementation (and TensorFlow.js, and Plot) is fetched with
 * import() only when the element first comes near the viewport.
 */
export interface Mounted {
  disconnect?(): void;
}
export type Mount = (host: HTMLElement) => Mounted | Promise<Mounted>;

export function defineLazy(tag: string, load: () => Promise<{ mount: Mount }>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      #observer?: IntersectionObserver;
      #mounted?: Promise<Mounted>;
      connectedCallback() {
        if (this.#mounted) return;
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            this.#mounted = load().then(({ mount }) => mount(this));
          },
          { rootMargin: '200px' },
        );
        this.#observer.observe(this);
      }
      disconnectedCallback() {
        this.#observer?.disconnect();
        this.#mounted?.then((m) => m.disconnect?.());
        this.#mounted = undefined;
      }
    },
  );
}
