import { StepBudget } from '../train/step-budget';
import { button } from './dom';
import { Driver } from './driver';
import { nextTask } from './lazy';

/** What a widget plays: one run, or several in lock-step, built from the widget's settings. */
export interface Session {
  /** Steps taken so far (the same for every run of a race). */
  readonly step: number;
  /** Another step can be taken: something still runs and the end is not reached. */
  readonly canStep: boolean;
  /**
   * Takes `n` more steps (fewer if the session ends first). A session whose
   * engine runs elsewhere (a Worker) returns a promise, takes at most `n`
   * steps — as many as fit in `budgetMs` of the engine's time — and updates
   * `step` when it resolves.
   */
  advance(n: number, budgetMs?: number): void | Promise<void>;
  /** True for a session whose engine runs elsewhere: `advance` returns a promise and sizes its own steps. */
  readonly remote?: boolean;
  dispose(): void;
}

/**
 * A host with this attribute keeps Play and Step disabled: a <Predict> sets it
 * until the reader has committed an answer, then removes it.
 */
export const HELD = 'data-held';

/** The most steps one request may ask for while playing (the engine's time budget decides how many are taken). */
const REMOTE_MAX = 100_000;

export interface PlaybackOptions<S extends Session> {
  host: HTMLElement;
  /**
   * A fresh session from the widget's current settings, or undefined when it cannot run
   * (the widget says why). It may take several tasks; `stale()` turns true once a newer
   * rebuild has begun, and then whatever was built must be disposed and dropped.
   */
  build(stale: () => boolean): Promise<S | undefined> | S | undefined;
  /** Redraws; `force` after a discrete change, otherwise the widget may skip a frame's redraw. */
  draw(force: boolean): void;
  /** Keeps the state in the page URL. */
  save(): void;
  /** Steps per frame while playing; by default (or undefined) as many as fit in the frame's time budget. */
  pace?: () => number | undefined;
  /** Keep to `pace` while restoring a permalink too: for a widget that must see every step (the range test). */
  paceWhileRestoring?: () => boolean;
  /** Play on a finished session starts it again (the surface explorer); otherwise Play is disabled. */
  replayWhenDone?: boolean;
}

/**
 * Play / Pause / Step / Reset for every widget that trains: a frame-budgeted
 * driver, the step to run to (the end while playing, a permalink's step while
 * restoring one), and rebuilds that may take several tasks, of which only the
 * newest counts.
 */
export class Playback<S extends Session> {
  session: S | undefined;
  readonly play: HTMLButtonElement;
  readonly stepButton: HTMLButtonElement;
  readonly reset: HTMLButtonElement;
  #goal = 0; // the step to run to: Infinity while playing, a permalink's step while restoring it
  #generation = 0;
  #building: Promise<void> = Promise.resolve();
  #budget = new StepBudget();
  #driver: Driver;
  #pending: Promise<void> | undefined; // a remote session's advance in flight
  #steps: Promise<void> = Promise.resolve(); // Step presses, one after another
  #work = 0; // Step presses and rebuilds under way: the host is aria-busy meanwhile

  constructor(private o: PlaybackOptions<S>) {
    this.play = button('Play', () => (this.#driver.running ? this.#driver.stop() : void this.built().then(() => this.start())), { class: 'primary play' });
    this.stepButton = button('Step', () => {
      this.#driver.stop();
      // Steps queue up: five quick presses take five steps, in order.
      this.#steps = this.#busy(this.#steps.then(async () => {
        await this.built();
        await this.#pending;
        const s = this.session;
        if (!s?.canStep || this.#held) return;
        await s.advance(1);
        if (s !== this.session) return;
        this.#drawn(true);
        o.save();
      }));
    });
    this.reset = button('Reset', () => void this.rebuild().then(o.save));
    this.#driver = new Driver(o.host, (deadline) => this.#frame(deadline), () => {
      this.#goal = this.session?.step ?? 0;
      this.#drawn(true);
      o.save();
    });
    new MutationObserver(() => this.#sync()).observe(o.host, { attributes: true, attributeFilter: [HELD] });
  }

  get buttons(): HTMLButtonElement[] {
    return [this.play, this.stepButton, this.reset];
  }

  get running(): boolean {
    return this.#driver.running;
  }

  /** Replaying a permalink's steps, before the reader has pressed anything. */
  get restoring(): boolean {
    return this.#goal < Infinity && !!this.session?.canStep && this.session.step < this.#goal;
  }

  /** Builds a new session from the settings as they are now, replacing the old one. */
  rebuild(): Promise<void> {
    this.#building = this.#busy(this.#build());
    return this.#building;
  }

  /** Resolves once the newest rebuild is done: Play and Step wait for it. */
  async built(): Promise<void> {
    for (let pending = this.#building; ; pending = this.#building) {
      await pending;
      if (pending === this.#building) return;
    }
  }

  /** Rebuilds, then runs to `step` (a permalink to a paused run) and stays paused there. */
  async open(step: number): Promise<void> {
    await this.rebuild();
    // A held widget does not replay a linked run either: that would show the outcome before the answer.
    if (this.#held) return;
    this.#goal = step;
    if (step > 0 && this.session?.canStep) this.#driver.start();
  }

  start(): void {
    if (!this.session || this.#held) return;
    if (!this.session.canStep) {
      if (!this.o.replayWhenDone) return;
      void this.rebuild().then(() => this.start());
      return;
    }
    this.#goal = Infinity;
    this.#driver.start();
    this.#sync();
  }

  stop(): void {
    this.#driver.stop();
  }

  dispose(): void {
    this.#driver.dispose();
    this.session?.dispose();
    this.session = undefined;
  }

  async #build(): Promise<void> {
    const current = ++this.#generation;
    this.#driver.stop();
    this.#goal = 0;
    this.session?.dispose();
    this.session = undefined;
    const stale = () => current !== this.#generation;
    const building = this.o.build(stale);
    const session = building instanceof Promise ? await building : building;
    if (stale()) {
      session?.dispose();
      return;
    }
    this.session = session;
    // A build that took tasks and its drawing are separate tasks, each short; a quick one draws at once.
    if (building instanceof Promise) await nextTask();
    if (!stale()) this.#drawn(true);
  }

  #frame(deadline: number): boolean {
    const s = this.session;
    if (this.#pending) return true; // the engine is still on the last request: wait for it
    if (!s?.canStep || s.step >= this.#goal) return false;
    const left = this.#goal - s.step;
    if (s.remote) {
      // The engine takes as many of these steps as fit in its budget; the next frame asks for the rest.
      const n = Math.min(left, this.restoring && !this.o.paceWhileRestoring?.() ? REMOTE_MAX : (this.o.pace?.() ?? REMOTE_MAX));
      this.#pending = Promise.resolve(s.advance(n))
        .catch(() => this.#driver.stop())
        .finally(() => {
          this.#pending = undefined;
          // After a pause the last reply lands once the driver has stopped: draw it in full.
          if (s === this.session) this.#drawn(!this.#driver.running);
        });
      return true;
    }
    const t0 = performance.now();
    const fit = this.#budget.steps(Math.max(1, deadline - t0 - 2)); // leave time for drawing
    const before = s.step;
    void s.advance(Math.min(left, this.restoring && !this.o.paceWhileRestoring?.() ? fit : (this.o.pace?.() ?? fit)));
    this.#budget.record(s.step - before, performance.now() - t0);
    this.#drawn(false);
    return s.canStep && s.step < this.#goal;
  }

  /** Marks the widget aria-busy until `work` settles (assistive technology waits; so can tests). */
  #busy(work: Promise<void>): Promise<void> {
    this.#work++;
    this.o.host.setAttribute('aria-busy', 'true');
    return work.catch(() => {}).finally(() => {
      if (--this.#work === 0) this.o.host.removeAttribute('aria-busy');
    });
  }

  #drawn(force: boolean): void {
    this.o.draw(force);
    this.#sync();
  }

  get #held(): boolean {
    return this.o.host.hasAttribute(HELD);
  }

  #sync(): void {
    const s = this.session;
    this.play.textContent = this.#driver.running ? 'Pause' : 'Play';
    this.play.disabled = !s || (!s.canStep && !this.o.replayWhenDone) || this.#held;
    this.stepButton.disabled = !s?.canStep || this.#held;
  }
}

