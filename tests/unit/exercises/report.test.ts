import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseLine, EDITED, exerciseLabel, fileReport, judge, readSubmission, summaryTable } from '../../../scripts/grade/report.mjs';
import { fileSafe, submissionFileName } from '../../../src/exercises/submission';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const code = 'function update(param) {\n  return [param, {}];\n}';

describe('the grader’s report', () => {
  it('reads the student and tells an intact file, an edited one and one without a checksum apart', () => {
    expect(readSubmission({ exercise: 'sgd', student: ' jdoe ', code, sha256: sha(code) }, sha)).toEqual({ student: 'jdoe', id: 'sgd', code, checksum: 'ok' });
    expect(readSubmission({ exercise: 'sgd', code: code + ' ', sha256: sha(code) }, sha)).toMatchObject({ student: '', checksum: 'edited' });
    expect(readSubmission({ exercise: 'sgd', code }, sha)).toMatchObject({ checksum: 'none' });
    expect(readSubmission({ exercise: 'sgd', student: 'a' }, sha)).toEqual({ student: 'a', error: 'failed: the submission needs "exercise" and "code" strings' });
    expect(readSubmission({ exercise: 'sgd', code: 'x'.repeat(100_001) }, sha)).toMatchObject({ error: 'failed: the code is longer than 100 000 characters' });
  });

  it('fails an edited file whatever its code does, saying so first', () => {
    const passed = { verdict: 'passed', summary: 'passed: 6 of 6 cases match' };
    const sub = { student: '', id: 'sgd', code, checksum: 'edited' as const };
    expect(judge(sub, passed)).toEqual({ verdict: 'edited', summary: `${EDITED} (the code as it stands: passed: 6 of 6 cases match)` });
    expect(judge({ ...sub, checksum: 'ok' }, passed)).toBe(passed);
    expect(EDITED).toBe("edited after download: the code's checksum does not match");
  });

  it('names the exercise and gives each case its verdict, hidden ones marked', () => {
    expect(exerciseLabel('adam', 'Adam')).toBe('Adam (adam)');
    expect(exerciseLabel('nope', '')).toBe('nope');
    expect(caseLine([
      { name: 'case 1', hidden: false, passed: true },
      { name: 'case 4', hidden: true, passed: false, difference: { step: 3, quantity: 'θ[1]' } },
    ])).toBe('case 1 ✓ · case 4 (hidden) ✗ step 3 (θ[1])');
  });

  it('prints the verdict line, then the student, the exercise, the cases and a missing checksum', () => {
    const lines = fileReport('a.json', { student: '', id: 'adam', checksum: 'none' }, {
      verdict: 'failed', summary: 'failed: case 1 differs', name: 'Adam', cases: [{ name: 'case 1', hidden: false, passed: false, difference: { step: 2, quantity: 'm[0]' } }],
    });
    expect(lines).toEqual([
      'a.json: failed: case 1 differs',
      '  student: not given',
      '  exercise: Adam (adam)',
      '  cases: case 1 ✗ step 2 (m[0])',
      '  checksum: none in the file, so edits after download cannot be detected',
    ]);
  });

  it('ends with a table and the number that passed', () => {
    const text = summaryTable([['a.json', 'jdoe', 'adam', 'passed'], ['b.json', '-', 'sgd', 'edited']]);
    expect(text.split('\n')).toEqual(['', 'file    student  exercise  verdict', '------  -------  --------  -------', 'a.json  jdoe     adam      passed', 'b.json  -        sgd       edited', '', '1 of 2 passed']);
  });
});

describe('the submission’s file name', () => {
  it('keeps letters, digits, - and _ of the student’s name, accents dropped and spaces as -', () => {
    expect(fileSafe('  José  Núñez ')).toBe('Jose-Nunez');
    expect(fileSafe('s1234/../../etc')).toBe('s1234etc');
    expect(fileSafe('a_b-c.d')).toBe('a_b-cd');
    expect(fileSafe('x'.repeat(60))).toHaveLength(40);
    expect(submissionFileName('adam', 'jdoe')).toBe('descent-adam-jdoe.json');
    expect(submissionFileName('adam', '  ')).toBe('descent-adam-submission.json');
    expect(submissionFileName('adam', '李雷')).toBe('descent-adam-submission.json');
  });
});
