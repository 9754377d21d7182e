/**
 * The page's side of the playground Worker: an Engine (engine-client.ts) whose
 * every request has a time limit. When the limit passes — the reader's `update`
 * never returned, or ran far too long — the Worker is terminated, with
 * everything in it: the page's thread never waits on the reader's code.
 */
import type { Engine } from '../widgets/engine-client';
import type { PlaygroundMessage, PlaygroundReply, PlaygroundRequest } from './protocol';

/** How long one slice of training (a few dozen steps, some 40 ms of them) may take before the run is stopped. */
export const STEP_LIMIT_MS = 3000;
/** Starting the Worker and loading TensorFlow.js and the data. */
export const LOAD_LIMIT_MS = 30_000;
/** Building the networks (the reader's init runs for each tensor). */
export const BUILD_LIMIT_MS = 10_000;

/** The time limit of a request other than the reader's code's own (`code`, `advance`, …: the step limit). */
const limitOf = (op: 'prepare' | 'build'): number => (op === 'prepare' ? LOAD_LIMIT_MS : BUILD_LIMIT_MS);

/** What the Worker can be: enough of one to test with a fake. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** A request of the playground's failed: `timedOut` when its limit passed and the Worker was stopped. */
export class PlaygroundFailure extends Error {
  constructor(message: string, readonly timedOut = false) {
    super(message);
  }
}

export interface GuardedEngine extends Engine {
  request(request: PlaygroundRequest, limitMs?: number): Promise<PlaygroundReply>;
  /** Stops the Worker (for good); pending requests fail. */
  stop(): void;
  /** The failure that stopped it, if one did. */
  readonly failure: PlaygroundFailure | undefined;
}

export function guardedEngine(worker: WorkerLike, stepLimitMs = STEP_LIMIT_MS): GuardedEngine {
  const pending = new Map<number, { resolve: (r: PlaygroundReply) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  let next = 0;
  let failure: PlaygroundFailure | undefined;
  const fail = (e: PlaygroundFailure) => {
    failure ??= e;
    worker.terminate();
    for (const p of pending.values()) clearTimeout(p.timer), p.reject(failure);
    pending.clear();
  };
  worker.onmessage = ({ data }: MessageEvent<PlaygroundMessage>) => {
    const p = typeof data?.id === 'number' ? pending.get(data.id) : undefined;
    if (!p) return;
    pending.delete(data.id);
    clearTimeout(p.timer);
    if ('reply' in data && data.reply && typeof data.reply.tensors === 'number') p.resolve(data.reply);
    // The reader's error ends the run: the networks may be half a step along.
    else {
      fail(new PlaygroundFailure('error' in data ? String(data.error) : 'the playground engine sent an unreadable reply'));
      p.reject(failure!);
    }
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail(new PlaygroundFailure(e.message || 'the playground engine stopped'));
  };
  return {
    where: 'worker',
    get failure() {
      return failure;
    },
    stop: () => fail(new PlaygroundFailure('stopped')),
    request(request, limitMs = request.op === 'prepare' || request.op === 'build' ? limitOf(request.op) : stepLimitMs) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = next++;
        const seconds = Math.round(limitMs / 100) / 10;
        const message = request.op === 'prepare'
          ? `the playground engine did not start within ${seconds} s`
          : `timed out: your optimizer did not return within ${seconds} s, so the run was stopped`;
        const timer = setTimeout(() => fail(new PlaygroundFailure(message, true)), limitMs);
        pending.set(id, { resolve, reject, timer });
        worker.postMessage({ id, request });
      });
    },
  };
}
