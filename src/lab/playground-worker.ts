/// <reference lib="webworker" />
/**
 * The playground's Worker: one per Run. It loads the data, locks away what
 * the reader's code must not reach, loads that code as a module and registers
 * it as the optimizer `yours`; then it is the training engine (EngineHost,
 * the same code as the shared engine Worker's, so the built-in runs give the
 * numbers they give everywhere). The page terminates it when a request takes
 * longer than its time limit: that is how a step that never returns is stopped.
 */
import { memory } from '@tensorflow/tfjs-core';
import { EngineHost } from '../train/engine-host';
import { loadDataset } from '../train/datasets';
import { ready } from '../train/tf';
import { optimizers } from '../optimizers';
import { lockDown } from './lockdown';
import type { PlaygroundMessage, PlaygroundReply, PlaygroundRequest } from './protocol';
import { loadReaderOptimizer, ReaderError, YOURS } from './reader-code';
import { WalkHost } from './surface-walk';

// Captured before the lock-down takes postMessage away from the reader's code.
const post = (self as unknown as Worker).postMessage.bind(self) as (m: PlaygroundMessage) => void;
const host = new EngineHost();
const walks = new WalkHost();
let queue: Promise<unknown> = ready();
let prepared = false;
let loaded = false;

async function handle(request: PlaygroundRequest): Promise<PlaygroundReply> {
  if (request.op === 'prepare') {
    if (prepared) throw new Error('the playground engine prepares once');
    prepared = true;
    if (request.dataset) await loadDataset(request.dataset);
    return host.handle({ op: 'hello' });
  }
  if (request.op === 'walk-build' || request.op === 'walk') {
    if (!loaded) throw new Error('the playground engine got no code to run');
    return { tensors: memory().numTensors, report: null, walk: walks.handle(request) };
  }
  if (request.op !== 'code') {
    if (!loaded && request.op === 'build') throw new Error('the playground engine got no code to run');
    return host.handle(request);
  }
  if (loaded || !prepared) throw new Error('the playground engine loads code once, after preparing');
  loaded = true;
  lockDown(self);
  optimizers[YOURS] = await loadReaderOptimizer(request.source, request.hp, (text) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    return { url, load: () => import(/* @vite-ignore */ url), done: () => URL.revokeObjectURL(url) };
  });
  return host.handle({ op: 'hello' });
}

self.addEventListener('message', ({ data }: MessageEvent<{ id: number; request: PlaygroundRequest }>) => {
  queue = queue.then(async () => {
    try {
      post({ id: data.id, reply: await handle(data.request) });
    } catch (e) {
      // The engine's own errors name their source ("trainer: …"); the reader's code's are ReaderErrors.
      post({ id: data.id, error: e instanceof ReaderError || e instanceof Error ? e.message : String(e) });
    }
  });
});
