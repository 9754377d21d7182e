/**
 * The command-line grader (scripts/grade.mjs), spawned as students' teachers
 * would run it, on submissions written to a temp folder: verdicts, exit codes,
 * and containment of hostile code.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcePath } from '../../../src/optimizers';
import { exerciseIds } from '../../../src/exercises/exercisable';
import { solutionFunction } from '../../../src/exercises/solution';
import { findUpdateSource } from '../../../src/site/update-source';

const grader = fileURLToPath(new URL('../../../scripts/grade.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'descent-grade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const correct = `// Adam, as a student might write it.
function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
  const m1 = add(mul(m, beta1), mul(grad, 1 - beta1));
  const v1 = add(mul(v, beta2), mul(square(grad), 1 - beta2));
  const stepSize = lr / (1 - beta1 ** t);
  const denom = add(div(sqrt(v1), Math.sqrt(1 - beta2 ** t)), eps);
  return [sub(param, mul(stepSize, div(m1, denom))), { m: m1, v: v1 }];
}`;

function submission(name: string, code: string, exercise = 'adam', extra: object = {}): string {
  const file = join(dir, `${name}.json`);
  const sha256 = createHash('sha256').update(code).digest('hex');
  writeFileSync(file, JSON.stringify({ exercise, code, results: null, timestamp: new Date().toISOString(), sha256, ...extra }));
  return file;
}

function grade(...files: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [grader, ...files], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

const verdictOf = (out: string, file: string) => out.split('\n').find((l) => l.startsWith(`${file}: `))?.slice(file.length + 2);

describe('npm run grade', () => {
  it('passes a correct submission with exit code 0', async () => {
    const file = submission('correct', correct);
    const { code, out } = await grade(file);
    expect(verdictOf(out, file)).toBe('passed: 6 of 6 cases match');
    expect(out).toMatch(/1 of 1 passed/);
    expect(code).toBe(0);
  });

  it('names the student and the exercise, and gives every case its verdict', async () => {
    const file = submission('descent-adam-jdoe', correct, 'adam', { student: 'Jane Doe' });
    const { out } = await grade(file);
    const report = out.slice(out.indexOf(`${file}: `)).split('\n').slice(1, 4);
    expect(report).toEqual([
      '  student: Jane Doe',
      '  exercise: Adam (adam)',
      '  cases: case 1 ✓ · case 2 ✓ · case 3 ✓ · case 4 (hidden) ✓ · case 5 (hidden) ✓ · case 6 (hidden) ✓',
    ]);
    expect(out).toMatch(/descent-adam-jdoe\.json\s+Jane Doe\s+adam\s+passed/);
  });

  it('passes an SGD submission', async () => {
    const file = submission('sgd', 'function update(param, grad, state, { lr }) {\n  return [sub(param, mul(lr, grad)), {}];\n}', 'sgd');
    expect((await grade(file)).code).toBe(0);
  });

  it('grades several files: wrong, throwing, looping, with a summary table and exit code 1', async () => {
    const files = {
      correct: submission('correct2', correct),
      wrong: submission('wrong', correct.replace('1 - beta2 ** t', '1 - beta2')),
      throwing: submission('throwing', 'function update(param, grad, { m, v }) {\n  const x = 1;\n  return m.nope();\n}'),
      looping: submission('looping', 'function update() {\n  while (true) {}\n}'),
    };
    const { code, out } = await grade(...Object.values(files));
    expect(verdictOf(out, files.correct)).toBe('passed: 6 of 6 cases match');
    expect(verdictOf(out, files.wrong)).toMatch(/^failed: case 1 differs at step 2 \(θ\[\d\]: expected .*, got .*\)$/);
    expect(verdictOf(out, files.throwing)).toMatch(/^failed: TypeError: m\.nope is not a function \(line 3\)/);
    expect(verdictOf(out, files.looping)).toBe('timed out after 3 s');
    expect(out).toMatch(/file\s+student\s+exercise\s+verdict/);
    expect(out).toMatch(/looping\.json\s+-\s+adam\s+timed out/);
    expect(out).toMatch(/1 of 4 passed/);
    expect(code).toBe(1);
  });

  it('contains hostile submissions', async () => {
    const files = {
      alloc: submission('alloc', 'function update() {\n  const a = [];\n  while (true) a.push(new Array(1e6).fill(1));\n}'),
      exit: submission('exit', 'process.exit(0);\nfunction update() {}'),
      require: submission('require', "const fs = require('fs');\nfunction update() {}"),
      escape: submission('escape', "const p = this.constructor.constructor('return process')();\np.exit(0);\nfunction update() {}"),
      patch: submission('patch', 'Math.abs = () => 0;\nNumber.isNaN = () => true;\nfunction update(param, grad, state) {\n  return [param, state];\n}'),
      topLoop: submission('top-loop', 'for (;;) {}'),
    };
    const { code, out } = await grade(...Object.values(files));
    expect(verdictOf(out, files.alloc)).toMatch(/^failed: out of memory/);
    expect(verdictOf(out, files.exit)).toMatch(/^failed: ReferenceError: process is not defined \(line 1\)/);
    expect(verdictOf(out, files.require)).toMatch(/^failed: ReferenceError: require is not defined \(line 1\)/);
    expect(verdictOf(out, files.escape)).toMatch(/^failed: EvalError/);
    expect(verdictOf(out, files.patch)).toMatch(/^failed: case 1 differs at step 1/);
    expect(verdictOf(out, files.topLoop)).toBe('timed out after 3 s');
    expect(out).toMatch(/0 of 6 passed/);
    expect(code).toBe(1);
  });

  it('rejects a malformed file, an unknown exercise and a file edited after download', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const unknown = submission('unknown', correct, 'adam:keras');
    const tampered = submission('tampered', correct, 'adam', { sha256: '0'.repeat(64) });
    const { code, out } = await grade(bad, unknown, tampered);
    expect(verdictOf(out, bad)).toMatch(/^failed: cannot read the submission/);
    expect(verdictOf(out, unknown)).toBe('failed: no exercise "adam:keras"');
    expect(verdictOf(out, tampered)).toBe("edited after download: the code's checksum does not match (the code as it stands: passed: 6 of 6 cases match)");
    expect(out).toMatch(/tampered\.json\s+-\s+adam\s+edited/);
    expect(code).toBe(1);
  });

  it('passes every reference solution as the page shows it (so it only uses the operations on offer)', async () => {
    const files = exerciseIds.map((id) => {
      const text = readFileSync(fileURLToPath(new URL(`../../../${sourcePath(id)}`, import.meta.url)), 'utf8');
      return submission(`solution-${id}`, solutionFunction(findUpdateSource(text, id)!.code), id);
    });
    const { code, out } = await grade(...files);
    expect(out).toMatch(/18 of 18 passed/);
    expect(code).toBe(0);
  });

  it('exits 2 with a usage line when given no files', async () => {
    const { code, out } = await grade();
    expect(out).toMatch(/usage: npm run grade/);
    expect(code).toBe(2);
  });
});
