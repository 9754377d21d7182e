import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardedEngine, LOAD_LIMIT_MS, PlaygroundFailure, STEP_LIMIT_MS, type WorkerLike } from '../../../src/lab/guarded-engine';

/** A Worker that answers only when told to: `never` requests hang, as a `while (true) {}` in update would. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  sent: { id: number; request: { op: string } }[] = [];
  postMessage(m: unknown) {
    this.sent.push(m as FakeWorker['sent'][number]);
  }
  terminate() {
    this.terminated = true;
  }
  answer(id: number, body: object) {
    this.onmessage?.({ data: { id, ...body } } as MessageEvent);
  }
}

const reply = { tensors: 0, report: null };

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('the playground engine, page side', () => {
  it('passes replies through', async () => {
    const w = new FakeWorker();
    const e = guardedEngine(w);
    const p = e.request({ op: 'hello' });
    w.answer(w.sent[0].id, { reply });
    await expect(p).resolves.toEqual(reply);
    expect(w.terminated).toBe(false);
  });

  it('a step that never returns: the Worker is terminated and the run says "timed out"', async () => {
    const w = new FakeWorker();
    const e = guardedEngine(w);
    const p = e.request({ op: 'advance', session: 1, max: 10, budgetMs: 40, models: [] });
    const seen = p.catch((x: PlaygroundFailure) => x);
    vi.advanceTimersByTime(STEP_LIMIT_MS - 1);
    expect(w.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    const failure = await seen;
    expect(failure).toBeInstanceOf(PlaygroundFailure);
    expect((failure as PlaygroundFailure).timedOut).toBe(true);
    expect((failure as Error).message).toMatch(/^timed out: your optimizer did not return within 3 s/);
    expect(w.terminated).toBe(true);
    expect(e.failure).toBe(failure);
    // Everything after fails at once with the same message; a late reply changes nothing.
    await expect(e.request({ op: 'models', session: 1, models: [] })).rejects.toBe(failure);
    w.answer(0, { reply });
  });

  it('loading the engine and the data gets the longer limit', async () => {
    const w = new FakeWorker();
    const e = guardedEngine(w);
    const seen = e.request({ op: 'prepare', dataset: 'digits' }).catch((x) => x);
    vi.advanceTimersByTime(STEP_LIMIT_MS * 2);
    expect(w.terminated).toBe(false);
    vi.advanceTimersByTime(LOAD_LIMIT_MS);
    expect(((await seen) as Error).message).toMatch(/did not start/);
  });

  it('an error from the reader’s code ends the run with its message', async () => {
    const w = new FakeWorker();
    const e = guardedEngine(w);
    const p = e.request({ op: 'advance', session: 1, max: 10, budgetMs: 40, models: [] });
    w.answer(w.sent[0].id, { error: 'TypeError: x is not a function (line 7)' });
    await expect(p).rejects.toThrow('TypeError: x is not a function (line 7)');
    expect(w.terminated).toBe(true);
    expect(e.failure?.timedOut).toBe(false);
  });
});
