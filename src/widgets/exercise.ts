import { tidy, zeros } from '@tensorflow/tfjs-core';
import { optimizers } from '../optimizers';
import { ready } from '../train/tf';
import type { CheckResult } from '../exercises/check';
import { caseForm, hasExercise, sampleShape } from '../exercises/exercisable';
import { stub } from '../exercises/stub';
import { submissionFileName, type Submission } from '../exercises/submission';
import type { Reply, Request } from '../exercises/worker';
import { CodeBox, codeBoxCss } from './code-box';
import { storage } from './storage';
import { baseCss } from './style';
import { button, h, nextId } from './dom';
import type { Mounted } from './lazy';

/** How long the student's code may run (after the grader has loaded). */
export const TIME_LIMIT_MS = 3000;
const LOAD_LIMIT_MS = 30_000;

const css = `
h3.title { font-size: 15px; margin: 0 0 6px; }
.toolbar { margin-top: 8px; }
table.diff { margin-top: 6px; }
table.diff caption { text-align: left; font-size: 13px; color: var(--_muted); padding-bottom: 2px; }
table.diff td:nth-child(2), table.diff th:nth-child(2) { text-align: left; }
table.diff tr.first td { font-weight: 600; }
ul.cases { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; color: var(--_muted); }
.solution pre { margin: 6px 0 0; padding: 8px 10px; border: 1px solid var(--_border); border-radius: 6px; overflow-x: auto; font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
.saved { font-size: 13px; color: var(--_muted); margin: 0 0 6px; }
.student { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin-top: 8px; font-size: 13px; }
.student label { color: var(--_muted); }
.student input { font: inherit; min-height: 32px; padding: 3px 6px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_bg); color: inherit; }
.status-passed { color: var(--_fg); font-weight: 600; }
.status-failed { color: color-mix(in srgb, #d0392b 70%, var(--_fg)); font-weight: 600; }
`;

interface Saved {
  passed: boolean;
  code: string;
}

/** The student's name or id, shared by every exercise. */
const STUDENT_KEY = 'descent:student';

async function sha256(text: string): Promise<string | undefined> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined; // crypto.subtle needs a secure context
  }
}

type Outcome = { kind: 'result'; result: CheckResult } | { kind: 'message'; text: string };

/** Runs the code in a fresh worker, terminated when the time limit passes. */
function runInWorker(req: Request): Promise<Outcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../exercises/worker.ts', import.meta.url), { type: 'module', name: 'descent-exercise' });
    let timer: ReturnType<typeof setTimeout>;
    const finish = (o: Outcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(o);
    };
    timer = setTimeout(() => finish({ kind: 'message', text: 'failed: the grader did not load' }), LOAD_LIMIT_MS);
    worker.onmessage = ({ data }: MessageEvent<Reply>) => {
      if (data.type === 'ready') {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'message', text: `timed out after ${TIME_LIMIT_MS / 1000} s` }), TIME_LIMIT_MS);
      } else if (data.type === 'result') finish({ kind: 'result', result: data.result });
      else finish({ kind: 'message', text: data.message });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish({ kind: 'message', text: `failed: ${e.message || 'the grader stopped'}` });
    };
    worker.postMessage(req);
  });
}

/**
 * A graded exercise: the student writes an optimizer's `update` in a code
 * editor; Check runs it in a Web Worker against the reference on visible and
 * hidden gradient sequences and shows where the two first differ.
 */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const id = host.getAttribute('optimizer') ?? 'sgd';
  const frame = h('div', { class: 'frame', role: 'group', 'aria-label': 'Exercise' });
  root.replaceChildren(h('style', {}, baseCss + codeBoxCss + css), frame);
  const reference = Object.hasOwn(optimizers, id) ? optimizers[id] : undefined; // not toString or constructor
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  // The classic rules and the frontier rules the exercise operations can express (src/exercises/exercisable.ts).
  if (!reference || !hasExercise(id)) {
    status.textContent = `No exercise for "${id}".`;
    frame.append(status);
    return {};
  }
  frame.setAttribute('aria-label', `Exercise: ${reference.name}`);
  await ready();
  const stateKeys = tidy(() => Object.keys(reference.init(zeros(sampleShape(id)))));
  const starter = stub(reference, stateKeys, caseForm(id).matrix);
  const key = `descent:exercise:${id}`;
  const saved = storage.get<Saved>(key);
  const solutionText = host.querySelector('template[data-solution]') as HTMLTemplateElement | null;
  const solution = solutionText?.content.textContent ?? '';

  const editorId = nextId('editor');
  const editorLabel = h('h3', { class: 'title', id: editorId }, `Write ${reference.name}'s update`);
  const editorBox = h('div', { class: 'editor' });
  const editor = new CodeBox(editorBox, root, saved?.code ?? starter, editorId, `${editorId}-hint`, () => void runCheck());
  const hint = h('p', { class: 'saved', id: `${editorId}-hint` }, 'Tab moves focus out of the editor; Check runs your code (Ctrl+Enter in the editor).');
  const savedNote = h('p', { class: 'saved' }, saved?.passed ? 'You passed this exercise before; your code is restored.' : saved ? 'Your last attempt is restored.' : '');
  savedNote.hidden = !saved;

  const table = h('table', { class: 'diff' });
  table.hidden = true;
  const caseList = h('ul', { class: 'cases' });
  const solutionBox = h('div', { class: 'solution' }, h('pre', {}, h('code', {}, solution)));
  solutionBox.hidden = true;
  let last: CheckResult | undefined;
  let lastMessage = '';

  const source = () => editor.value;
  const setSource = (text: string) => (editor.value = text);

  const checkButton = button('Check', () => void runCheck(), { class: 'primary' });
  const showButton = button('Show solution', () => {
    solutionBox.hidden = !solutionBox.hidden;
    showButton.textContent = solutionBox.hidden ? 'Show solution' : 'Hide solution';
    showButton.setAttribute('aria-expanded', String(!solutionBox.hidden));
  }, { 'aria-expanded': 'false' });
  showButton.hidden = true;
  const resetButton = button('Start over', () => {
    setSource(starter);
    editor.focus();
  });
  const downloadButton = button('Download submission', () => void download());
  const studentId = nextId('student');
  const studentInput = h('input', { id: studentId, type: 'text', name: 'student', autocomplete: 'off', spellcheck: 'false', maxlength: 100 });
  studentInput.value = storage.get<string>(STUDENT_KEY) ?? '';
  studentInput.addEventListener('change', () => storage.set(STUDENT_KEY, studentInput.value.trim()));
  const studentRow = h('div', { class: 'student' },
    h('label', { for: studentId }, 'Your name or student id (optional, saved in the submission and its file name)'), studentInput);

  async function runCheck() {
    checkButton.disabled = true;
    status.className = '';
    status.textContent = 'Checking…';
    table.hidden = true;
    caseList.replaceChildren();
    const code = source();
    const outcome = await runInWorker({ id, source: code });
    checkButton.disabled = false;
    showButton.hidden = !solution;
    const passed = outcome.kind === 'result' && outcome.result.passed;
    last = outcome.kind === 'result' ? outcome.result : undefined;
    lastMessage = outcome.kind === 'result' ? outcome.result.summary : outcome.text;
    status.textContent = lastMessage;
    status.className = passed ? 'status-passed' : 'status-failed';
    if (last) showResult(last);
    storage.set(key, { passed: passed || !!storage.get<Saved>(key)?.passed, code } satisfies Saved);
  }

  function showResult(r: CheckResult) {
    caseList.replaceChildren(
      ...r.cases.map((c) => h('li', {}, `${c.name}${c.hidden ? ' (hidden)' : ''}: ${c.passed ? '✓ matches' : `✗ step ${c.difference?.step}`}`)),
    );
    const rows = r.cases.find((c) => !c.passed && c.table)?.table;
    if (!rows) return;
    const failing = r.cases.find((c) => !c.passed && c.table)!;
    table.replaceChildren(
      h('caption', {}, `${failing.name}: the steps up to where your run first differs from the reference`),
      h('thead', {}, h('tr', {}, ...['step', 'quantity', 'expected', 'got'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows.map((row, i) => h('tr', { class: i === rows.length - 1 ? 'first' : '' }, h('td', {}, String(row.step)), h('td', {}, row.quantity), h('td', {}, row.expected), h('td', {}, row.got)))),
    );
    table.hidden = false;
  }

  async function download() {
    const code = source();
    const student = studentInput.value.trim();
    const submission: Submission = {
      exercise: id,
      student,
      code,
      results: last ?? (lastMessage ? { passed: false, summary: lastMessage } : null),
      timestamp: new Date().toISOString(),
      sha256: await sha256(code),
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(submission, null, 2)], { type: 'application/json' }));
    const a = h('a', { href: url, download: submissionFileName(id, student) });
    root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  Object.defineProperty(host, 'value', {
    configurable: true,
    get: source,
    set: (text: string) => setSource(String(text)),
  });

  frame.append(
    editorLabel,
    savedNote,
    editorBox,
    hint,
    h('div', { class: 'toolbar' }, checkButton, showButton, resetButton, downloadButton),
    studentRow,
    status,
    caseList,
    table,
    solutionBox,
  );
  return {
    disconnect() {
      editor.destroy();
    },
  };
}
