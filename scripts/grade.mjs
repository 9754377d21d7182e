#!/usr/bin/env node
// Grades downloaded exercise submissions: npm run grade -- <file.json> [more files]
//
// Each submission ({ exercise, code, sha256, … }, from "Download submission")
// is re-run against the reference optimizer in src/optimizers, on the page's
// visible cases and on hidden cases of the grader's own. Each runs in its own
// worker thread with a time limit and a memory limit, inside a vm context that
// holds only the tensor operations (scripts/grade/worker.mjs). Prints, per file,
// the verdict, the student, the exercise and every case (scripts/grade/report.mjs),
// then a summary table; exits 0 only if every submission passes. A file whose
// code no longer matches its checksum was edited after download, and fails.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { fileReport, judge, readSubmission, summaryTable } from './grade/report.mjs';

const HIDDEN_SEED = 20_260_417; // the grader's own hidden cases (the page's use another seed)
const TIME_LIMIT_MS = 3000;     // the submission's running time, grading included
const LOAD_LIMIT_MS = 20_000;   // loading TensorFlow.js and running the reference, before the submission's clock starts
const MEMORY_MB = 256;

const root = new URL('../', import.meta.url);

/** src/exercises/sandbox.ts with TensorFlow.js and the optimizers, as one script for a vm context. */
async function bundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('src/exercises/sandbox.ts', root))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser', // tfjs-core's browser build: no Node modules to resolve
    target: 'es2022',
    logLevel: 'error',
    // What TensorFlow.js looks for to find its global object and pick its browser platform.
    banner: { js: 'var self = globalThis; var WorkerGlobalScope = function WorkerGlobalScope() {};' },
    alias: { 'node-fetch': fileURLToPath(new URL('src/site/empty-module.ts', root)) },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0].text;
}

/** @returns {Promise<import('./grade/report.mjs').Outcome>} */
function gradeOne(bundleText, id, code) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('grade/worker.mjs', import.meta.url), {
      workerData: { bundle: bundleText, id, code, hiddenSeed: HIDDEN_SEED, timeLimitMs: TIME_LIMIT_MS },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      env: {},
      stdout: true,
      stderr: true,
    });
    let done = false;
    let name = '';
    const finish = (verdict, summary, cases) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve({ verdict, summary, name, cases });
    };
    let timer = setTimeout(() => finish('failed', `failed: the grader did not load within ${LOAD_LIMIT_MS / 1000} s`), LOAD_LIMIT_MS);
    worker.on('message', (m) => {
      if (!m.ready) return finish(m.verdict, m.summary, m.result?.cases);
      name = m.name;
      clearTimeout(timer);
      timer = setTimeout(() => finish('timed out', `timed out after ${TIME_LIMIT_MS / 1000} s`), TIME_LIMIT_MS);
    });
    worker.on('error', (e) =>
      finish('failed', e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `failed: out of memory (limit ${MEMORY_MB} MB)` : `failed: ${e?.message ?? e}`),
    );
    worker.on('exit', (code) => finish('failed', `failed: the grader's worker stopped (exit code ${code})`));
  });
}

/** Reads one submission file; a problem with the file is a verdict too. */
function readFile(file) {
  try {
    return readSubmission(JSON.parse(readFileSync(file, 'utf8')), (text) => createHash('sha256').update(text, 'utf8').digest('hex'));
  } catch (e) {
    return { student: '', error: `failed: cannot read the submission (${e.message})` };
  }
}

async function main(files) {
  if (files.length === 0) {
    console.error('usage: npm run grade -- <submission.json> [more files]');
    return 2;
  }
  const bundleText = await bundle();
  const rows = [];
  for (const file of files) {
    const sub = readFile(file);
    const outcome = sub.error ? { verdict: 'failed', summary: sub.error } : judge(sub, await gradeOne(bundleText, sub.id, sub.code));
    console.log(fileReport(file, sub, outcome).join('\n'));
    rows.push([basename(file), sub.student || '-', sub.id ?? '?', outcome.verdict]);
  }
  console.log(summaryTable(rows));
  return rows.every((r) => r[3] === 'passed') ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
