/**
 * <descent-predict>: the page side of a <Predict> (components/Predict.astro).
 * The reader picks an answer (a run, diverges or not) or types a number, and
 * commits it; only then does the race inside accept Play and Step (it is held
 * until then, see HELD in playback.ts). When the race reaches its last step,
 * the reader's answer is set beside the run's, the explanation is shown, and
 * all three are read out. The committed answer lives in the URL
 * (`?<id>.answer=<n>`: a choice's index, or the number), so a link or a
 * reload keeps it.
 */
import { paramsUnder, withParams } from '../widgets/permalink';
import { RACE_FINISHED, type RaceFinished } from '../widgets/race-finished';
import { answerText, parseAnswer, readNumber, type Question } from './question';

const HELD = 'data-held'; // playback.ts's HELD, not imported: that module belongs to the lazily loaded widgets

class DescentPredict extends HTMLElement {
  #said: number | undefined;

  connectedCallback(): void {
    if (this.#said !== undefined || !this.querySelector('form')) return;
    const form = this.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const answer = this.#read();
      if (typeof answer === 'string') return this.#hint(answer, true);
      this.#commit(answer, true);
    });
    this.addEventListener(RACE_FINISHED, (e) => void this.#finished((e as CustomEvent<RaceFinished>).detail));
    const linked = parseAnswer(this.#question, paramsUnder([this.id], location.search).answer, this.#choices.length);
    if (linked !== undefined) this.#commit(linked, false);
  }

  get #question(): Question {
    return JSON.parse(this.dataset.question ?? '{"kind":"winner"}') as Question;
  }

  get #choices(): string[] {
    return JSON.parse(this.dataset.choices ?? '[]') as string[];
  }

  get #number(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>('input.predict__number');
  }

  /** The answer in the form, or what keeps it from being one. */
  #read(): number | string {
    const input = this.#number;
    if (input) {
      const read = readNumber(input.value);
      input.setAttribute('aria-invalid', String('problem' in read));
      return 'problem' in read ? read.problem : read.value;
    }
    const picked = this.querySelector<HTMLInputElement>('input[type=radio]:checked');
    return picked ? Number(picked.value) : 'Choose one of the answers first.';
  }

  #hint(text: string, problem = false): void {
    const hint = this.querySelector('.predict__hint')!;
    hint.textContent = text;
    hint.classList.toggle('problem', problem);
  }

  #commit(said: number, save: boolean): void {
    this.#said = said;
    const input = this.#number;
    if (input) {
      input.value = String(said);
      input.setAttribute('aria-invalid', 'false');
    }
    for (const r of this.querySelectorAll<HTMLInputElement>('input[type=radio]')) r.checked = Number(r.value) === said;
    this.querySelector('fieldset')!.disabled = true;
    this.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = true;
    this.#hint(`Your answer: ${answerText(this.#question, said, this.#choices)}. Now press Play on the race below and let it run to the end.`);
    this.querySelector(`[${HELD}]`)?.removeAttribute(HELD);
    if (save) {
      try {
        history.replaceState(history.state, '', withParams([this.id], { answer: String(said) }, location.href));
      } catch {
        // A sandboxed document may refuse; the answer still counts on this page.
      }
    }
  }

  async #finished(detail: RaceFinished): Promise<void> {
    if (this.#said === undefined) return;
    const { judge } = await import('./verdict');
    const { text, right } = judge(this.#question, this.#said, detail.standings, this.#choices);
    const outcome = this.querySelector('.predict__outcome')!;
    outcome.textContent = text;
    outcome.classList.toggle('right', right);
    const explanation = this.querySelector<HTMLElement>('.predict__explanation')!;
    explanation.hidden = false;
    // One live region reads the verdict and then the explanation: a region that merely appears is not reliably announced.
    this.querySelector('.predict__spoken')!.textContent = `${text} ${spoken(explanation)}`;
  }
}

/** An element's text as a screen reader would read it: without what is hidden from it (KaTeX's drawn copy of a formula, its TeX source). */
function spoken(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden=true], annotation').forEach((n) => n.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

if (!customElements.get('descent-predict')) customElements.define('descent-predict', DescentPredict);
