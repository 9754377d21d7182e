/**
 * The command-line grader's sandbox: bundled (scripts/grade.mjs) and run inside
 * a `vm` context with no Node modules, no `process`, no `require` and no
 * code generation from strings. It offers the tensor operations as globals
 * and `__descent.grade`, which returns the verdict as a JSON string so that no
 * object crosses between the sandbox and the grader.
 */
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { optimizers } from '../optimizers';
import { check, gradingCases, referenceRuns, type Case, type ReferenceRuns, type UpdateFn } from './check';
import { caseForm, hasExercise } from './exercisable';
import { ops } from './ops';

void setBackend('cpu');
const g = globalThis as Record<string, unknown>;
for (const [name, op] of Object.entries(ops)) g[name] = op;

const lineOf = (e: unknown) => {
  const m = /submission\.js:(\d+)/.exec(String((e as Error)?.stack ?? ''));
  return m ? Number(m[1]) : undefined;
};

// Captured before the student's code runs (it could replace the globals).
const stringify = JSON.stringify.bind(JSON);
let prepared: { id: string; cases: Case[]; runs: ReferenceRuns } | undefined;

g.__descent = {
  /** Runs the reference on the cases; called before the student's code is loaded. Returns the exercise's name, or '' for none. */
  prepare(id: string, hiddenSeed: number): string {
    const reference = Object.hasOwn(optimizers, id) ? optimizers[id] : undefined; // not toString or constructor
    if (!reference || !hasExercise(id)) return '';
    const cases = gradingCases(reference.defaults, hiddenSeed, caseForm(id));
    prepared = { id, cases, runs: referenceRuns(reference, cases) };
    return reference.name;
  },
  grade(update: unknown): string {
    if (!prepared) return stringify({ passed: false, summary: 'failed: no such exercise', cases: [] });
    if (typeof update !== 'function') return stringify({ passed: false, summary: 'failed: the code does not define a function named update', cases: [] });
    const { id, cases, runs } = prepared;
    return stringify(check(optimizers[id], update as UpdateFn, cases, undefined, lineOf, runs));
  },
};
