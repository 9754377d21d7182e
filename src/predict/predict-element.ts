/**
 * <descent-predict>: the page side of a <Predict> (components/Predict.astro).
 * The reader picks an answer and commits it; only then does the race inside
 * accept Play and Step (it is held until then, see HELD in playback.ts). When
 * the race reaches its last step, the reader's answer is set beside the run's
 * and the explanation is shown. The committed answer lives in the URL
 * (`?<id>.answer=<n>`), so a link or a reload keeps it.
 */
import { paramsUnder, withParams } from '../widgets/permalink';
import { RACE_FINISHED, type RaceFinished } from '../widgets/race-finished';

const HELD = 'data-held'; // playback.ts's HELD, not imported: that module belongs to the lazily loaded widgets

class DescentPredict extends HTMLElement {
  #said = -1;

  connectedCallback(): void {
    if (this.#said !== -1 || !this.querySelector('form')) return;
    const form = this.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = form.querySelector<HTMLInputElement>('input[type=radio]:checked');
      if (!picked) return this.#hint('Choose one of the runs first.');
      this.#commit(Number(picked.value), true);
    });
    this.addEventListener(RACE_FINISHED, (e) => void this.#finished((e as CustomEvent<RaceFinished>).detail));
    const linked = Number(paramsUnder([this.id], location.search).answer);
    if (Number.isInteger(linked) && linked >= 0 && linked < this.#choices.length) this.#commit(linked, false);
  }

  get #choices(): string[] {
    return JSON.parse(this.dataset.choices ?? '[]') as string[];
  }

  #hint(text: string): void {
    this.querySelector('.predict__hint')!.textContent = text;
  }

  #commit(said: number, save: boolean): void {
    this.#said = said;
    const radios = [...this.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios.forEach((r) => (r.checked = Number(r.value) === said));
    this.querySelector('fieldset')!.disabled = true;
    this.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = true;
    this.#hint(`Your answer: ${this.#choices[said]}. Now press Play on the race below and let it run to the end.`);
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
    if (this.#said < 0) return;
    const { verdict, winnerOf } = await import('./verdict');
    const { text, right } = verdict(this.#choices, this.#said, winnerOf(detail.standings));
    const outcome = this.querySelector('.predict__outcome')!;
    outcome.textContent = text;
    outcome.classList.toggle('right', right);
    this.querySelector<HTMLElement>('.predict__explanation')!.hidden = false;
  }
}

if (!customElements.get('descent-predict')) customElements.define('descent-predict', DescentPredict);
