// What the grader says about each submission file, kept apart from running
// the code so that its wording is unit-tested (tests/unit/exercises/report.test.ts).

export const EDITED = "edited after download: the code's checksum does not match";
const MAX_CODE = 100_000;

/**
 * @typedef {{ student: string, id: string, code: string, checksum: 'ok' | 'edited' | 'none' }} Submission
 * @typedef {{ name: string, hidden: boolean, passed: boolean, difference?: { step: number, quantity: string } }} CaseResult
 * @typedef {{ verdict: string, summary: string, name?: string, cases?: CaseResult[] }} Outcome
 */

/**
 * Checks one parsed submission file (from "Download submission"); `sha256` hashes a text.
 * @returns {Submission | { error: string, student: string, id?: string }}
 */
export function readSubmission(data, sha256) {
  const student = typeof data?.student === 'string' ? data.student.trim() : '';
  if (typeof data?.exercise !== 'string' || typeof data?.code !== 'string') return { student, error: 'failed: the submission needs "exercise" and "code" strings' };
  if (data.code.length > MAX_CODE) return { student, id: data.exercise, error: 'failed: the code is longer than 100 000 characters' };
  const checksum = typeof data.sha256 !== 'string' ? 'none' : data.sha256 === sha256(data.code) ? 'ok' : 'edited';
  return { student, id: data.exercise, code: data.code, checksum };
}

/** "Adam (adam)", or the bare id when the grader does not know the exercise. */
export const exerciseLabel = (id, name) => (id === undefined ? '?' : name ? `${name} (${id})` : id);

/** "case 1 ✓ · case 4 (hidden) ✗ step 3 (θ[1])": each case's verdict on one line. */
export function caseLine(cases) {
  return cases
    .map((c) => `${c.name}${c.hidden ? ' (hidden)' : ''} ${c.passed ? '✓' : `✗${c.difference ? ` step ${c.difference.step} (${c.difference.quantity})` : ''}`}`)
    .join(' · ');
}

/**
 * The verdict of a graded submission: a file edited after download fails
 * whatever its code does, and says so first.
 * @param {Submission} sub
 * @param {Outcome} outcome what running the code gave
 * @returns {Outcome}
 */
export function judge(sub, outcome) {
  if (sub.checksum !== 'edited') return outcome;
  return { ...outcome, verdict: 'edited', summary: `${EDITED} (the code as it stands: ${outcome.summary})` };
}

/**
 * The lines printed for one file: "file: verdict", then who, which exercise
 * and every case.
 * @param {string} file
 * @param {{ student: string, id?: string, checksum?: Submission['checksum'] }} sub a submission, or what could be read of a bad file
 * @param {Outcome} outcome
 */
export function fileReport(file, { student, id, checksum }, { summary, name, cases }) {
  const lines = [`${file}: ${summary}`, `  student: ${student || 'not given'}`, `  exercise: ${exerciseLabel(id, name)}`];
  if (cases?.length) lines.push(`  cases: ${caseLine(cases)}`);
  if (checksum === 'none') lines.push('  checksum: none in the file, so edits after download cannot be detected');
  return lines;
}

/** The table after every file's report, and the count that passed. */
export function summaryTable(rows) {
  const head = ['file', 'student', 'exercise', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const passed = rows.filter((r) => r[3] === 'passed').length;
  return ['', line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', `${passed} of ${rows.length} passed`].join('\n');
}
