// One submission, graded in a worker thread (the parent enforces a wall-clock
// limit and memory limits). The student's code runs in a vm context that holds
// only the tensor operations: no require, no process, no eval.
import { parentPort, workerData } from 'node:worker_threads';
import vm from 'node:vm';

const { bundle, id, code, hiddenSeed, timeLimitMs } = workerData;
// A null-prototype sandbox, so that `this.constructor` leads to the context's
// own Function (which cannot compile strings), not the grader's.
const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
vm.runInContext(bundle, context, { filename: 'grader-bundle.js' });

const reply = (verdict, summary, result) => parentPort.postMessage({ verdict, summary, result });
const lineOf = (e) => /submission\.js:(\d+)/.exec(String(e?.stack ?? ''))?.[1];
const describe = (e) => {
  const line = lineOf(e);
  return `${e?.name ?? 'Error'}: ${e?.message ?? e}${line ? ` (line ${line})` : ''}`;
};
const timedOut = (e) => e?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

// The reference runs before the student's code exists; the grading function is
// held here, out of reach of anything the code may declare or replace.
function main() {
  const prepared = vm.runInContext(`__descent.prepare(${JSON.stringify(id)}, ${Number(hiddenSeed)})`, context);
  const grade = vm.runInContext('__descent.grade', context);
  if (!prepared) {
    reply('failed', `failed: no exercise "${id}"`);
    return;
  }
  // Built-ins the grading code relies on cannot be patched by the submission.
  vm.runInContext(
    `for (const name of Object.getOwnPropertyNames(globalThis)) {
      const v = globalThis[name];
      if (/^[A-Z]/.test(name) || name === 'Math' || name === 'JSON') {
        if (v && (typeof v === 'object' || typeof v === 'function')) { Object.freeze(v); if (v.prototype) Object.freeze(v.prototype); }
      }
    }
    Object.freeze(Object.getPrototypeOf(Int8Array)); Object.freeze(Object.getPrototypeOf(Int8Array.prototype));`,
    context,
  );

  parentPort.postMessage({ ready: true, name: prepared }); // the parent's clock for the submission starts now
  let update;
  try {
    new vm.Script(code, { filename: 'submission.js' }).runInContext(context, { timeout: timeLimitMs });
    update = vm.runInContext(`typeof update === 'function' ? update : undefined`, context, { timeout: timeLimitMs });
  } catch (e) {
    if (timedOut(e)) reply('timed out', `timed out after ${timeLimitMs / 1000} s`);
    else reply('failed', `failed: ${describe(e)}`);
    return;
  }
  // No vm timeout here (it covers scripts, not calls): the parent terminates this thread when its time is up.
  try {
    const result = JSON.parse(String(grade(update)));
    reply(result.passed ? 'passed' : 'failed', String(result.summary), result);
  } catch (e) {
    reply('failed', `failed: ${describe(e)}`);
  }
}
main();
