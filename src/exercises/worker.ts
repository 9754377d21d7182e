/// <reference lib="webworker" />
/**
 * Runs a student's `update` in a Web Worker (no DOM, terminated by the page on
 * a time limit) and grades it against the reference optimizer. The code is
 * never passed to eval or new Function: it becomes an ES module, imported from
 * a Blob URL, that finds the tensor operations in a global.
 */
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { parser } from '@lezer/javascript';
import { optimizers } from '../optimizers';
import { check, gradingCases, syntaxErrorLine, type CheckResult, type UpdateFn } from './check';
import { caseForm, hasExercise } from './exercisable';
import { opNames, ops } from './ops';

export type Request = { id: string; source: string };
export type Reply = { type: 'ready' } | { type: 'result'; result: CheckResult } | { type: 'error'; message: string };

const post = (m: Reply) => (self as unknown as Worker).postMessage(m);

self.onmessage = async ({ data }: MessageEvent<Request>) => {
  await setBackend('cpu');
  post({ type: 'ready' });
  const reference = hasExercise(data.id) ? optimizers[data.id] : undefined;
  if (!reference) {
    post({ type: 'error', message: `failed: no exercise "${data.id}"` });
    return;
  }
  const badLine = syntaxErrorLine(data.source, (s) => parser.parse(s));
  if (badLine) {
    post({ type: 'error', message: `failed: SyntaxError: the code cannot be parsed (line ${badLine})` });
    return;
  }
  (globalThis as { __descentOps?: unknown }).__descentOps = ops;
  // The preamble shares line 1 with the code, so that line numbers in errors are the student's.
  const text = `var { ${opNames.join(', ')} } = globalThis.__descentOps; ${data.source}\n;export default typeof update === 'function' ? update : undefined;\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  const lineOf = (e: unknown) => {
    const stack = String((e as Error)?.stack ?? '');
    const m = new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):\\d+`).exec(stack);
    return m ? Number(m[1]) : undefined;
  };
  let update: UpdateFn | undefined;
  try {
    update = (await import(/* @vite-ignore */ url)).default;
  } catch (e) {
    const line = lineOf(e);
    if (!line && e instanceof TypeError && /imported module/i.test(e.message)) {
      post({ type: 'error', message: "failed: your code could not be loaded (the site's Content-Security-Policy must allow blob: scripts)" });
      return;
    }
    post({ type: 'error', message: `failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? e}${line ? ` (line ${line})` : ''}` });
    return;
  } finally {
    URL.revokeObjectURL(url);
  }
  if (!update) {
    post({ type: 'error', message: 'failed: the code does not define a function named update' });
    return;
  }
  try {
    post({ type: 'result', result: check(reference, update, gradingCases(reference.defaults, undefined, caseForm(data.id)), undefined, lineOf) });
  } catch (e) {
    post({ type: 'error', message: `failed: ${(e as Error)?.message ?? e}` });
  }
};
