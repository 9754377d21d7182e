/**
 * What the reader's code must not reach from its Worker: the network, storage,
 * other workers and the page's message channel. There is no `document` or
 * `localStorage` in a Worker anyway; naming them here makes the reader's error
 * say why. Each name becomes a getter that throws, on the global scope and on
 * every prototype it inherits from (`self.fetch` and the prototype's alike).
 */
export const lockedNames = [
  'document', 'window', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'EventSource',
  'importScripts', 'indexedDB', 'caches', 'Worker', 'SharedWorker', 'BroadcastChannel', 'postMessage', 'close',
] as const;

export const lockedMessage = (name: string) => `${name} is not available to your optimizer: it runs in a Worker, away from the page`;

/** Locks `names` on `scope`; returns nothing to undo (the Worker is thrown away after the run). */
export function lockDown(scope: object = globalThis, names: readonly string[] = lockedNames): void {
  for (let o: object | null = scope; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of names) {
      if (o !== scope && !Object.hasOwn(o, name)) continue;
      try {
        delete (o as Record<string, unknown>)[name];
      } catch {
        // not configurable: the getter below shadows it on the scope
      }
    }
  }
  for (const name of names) {
    Object.defineProperty(scope, name, {
      configurable: false,
      get() {
        throw new ReferenceError(lockedMessage(name));
      },
      set() {
        throw new ReferenceError(lockedMessage(name));
      },
    });
  }
}
