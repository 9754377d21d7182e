import type { EngineReply, EngineRequest } from '../train/engine-host';
import { moduleWorker } from './module-worker';

/** The training engine as the page sees it: requests in, replies out (protocol: engine-host.ts). */
export interface Engine {
  request(request: EngineRequest): Promise<EngineReply>;
  /** Where training runs: in a Worker, or on the page where no Worker could start. */
  readonly where: 'worker' | 'page';
}

/** How long a Worker may take to load TensorFlow.js and answer before the page trains by itself. */
const START_TIMEOUT_MS = 20_000;

let shared: Promise<Engine> | undefined;

/** The page's one engine, shared by its widgets: a Worker when one can start, else the page itself. */
export function engine(): Promise<Engine> {
  shared ??= inWorker()
    .catch(() => onPage())
    .then((e) => ((marks.__descentEngineWhere = e.where), e));
  return shared;
}

// Tests and the widgets' tensorCount read the engine's live tensors and its place through these (see lazy.ts).
const marks = globalThis as { __descentEngineTensors?: number; __descentEngineWhere?: Engine['where'] };

/** A dedicated module Worker (see module-worker.ts for where its script comes from). */
async function inWorker(): Promise<Engine> {
  const worker = moduleWorker('engine-worker', 'descent-engine', () =>
    new Worker(new URL('../train/engine-worker.ts', import.meta.url), { type: 'module', name: 'descent-engine' }));
  const pending = new Map<number, { resolve: (r: EngineReply) => void; reject: (e: Error) => void }>();
  let next = 0;
  let broken: Error | null = null;
  const fail = (e: Error) => {
    broken = e;
    pending.forEach((p) => p.reject(e));
    pending.clear();
    worker.terminate();
  };
  worker.onmessage = ({ data }: MessageEvent<{ id: number; reply?: EngineReply; error?: string }>) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (data.reply) {
      marks.__descentEngineTensors = data.reply.tensors;
      p?.resolve(data.reply);
    } else p?.reject(new Error(data.error ?? 'the engine failed'));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fail(new Error(e.message || 'the training worker could not start'));
  };
  worker.onmessageerror = () => fail(new Error('the training worker sent an unreadable message'));
  const engine: Engine = {
    where: 'worker',
    request(request) {
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, request });
      });
    },
  };
  let timer = 0;
  const timeout = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error('the training worker did not answer')), START_TIMEOUT_MS);
  });
  try {
    await Promise.race([engine.request({ op: 'hello' }), timeout]);
  } catch (e) {
    fail(e as Error);
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return engine;
}

/** The same engine on the page's own thread, one request at a time as in the Worker: the same numbers, only less smooth. */
async function onPage(): Promise<Engine> {
  const [{ EngineHost }, { ready }] = await Promise.all([import('../train/engine-host'), import('../train/tf')]);
  await ready();
  const host = new EngineHost();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    where: 'page',
    request(request) {
      const reply = queue.then(() => host.handle(request));
      queue = reply.catch(() => {});
      return reply;
    },
  };
}
