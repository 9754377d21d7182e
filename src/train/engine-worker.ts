/// <reference lib="webworker" />
/**
 * The training engine's dedicated Worker: requests in, replies out, each
 * tagged with the id the page gave it (see engine-host.ts for the protocol).
 * Requests are handled one at a time, in order.
 */
import { EngineHost, type EngineRequest } from './engine-host';
import { ready } from './tf';

const host = new EngineHost();
let queue: Promise<unknown> = ready();

self.onmessage = ({ data }: MessageEvent<{ id: number; request: EngineRequest }>) => {
  queue = queue.then(async () => {
    try {
      (self as unknown as Worker).postMessage({ id: data.id, reply: await host.handle(data.request) });
    } catch (e) {
      (self as unknown as Worker).postMessage({ id: data.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
};
