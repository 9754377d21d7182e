/**
 * Runs a widget's training in small slices inside animation frames, so the page
 * keeps drawing at full rate: each frame spends at most `budgetMs` on work.
 * It pauses while the widget is off screen or the tab is hidden, and resumes.
 */
export class Driver {
  #running = false;   // the reader pressed Play
  #visible = true;    // on screen and tab shown
  #frame = 0;
  #observer: IntersectionObserver;
  #onVisibility = () => this.#schedule();

  /**
   * @param frame does this frame's work (stopping by `deadline`, a performance.now() time)
   *   and redraws; returns false when the run is over, which stops the driver.
   * @param stopped told when the driver stops, whatever the reason, so Play/Pause can follow.
   */
  constructor(
    host: HTMLElement,
    private frame: (deadline: number) => boolean,
    private stopped: () => void = () => {},
    private budgetMs = 8,
  ) {
    this.#observer = new IntersectionObserver((entries) => {
      this.#visible = entries.some((e) => e.isIntersecting);
      this.#schedule();
    });
    this.#observer.observe(host);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    this.#running = true;
    this.#schedule();
  }

  stop(): void {
    const was = this.#running;
    this.#running = false;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    if (was) this.stopped();
  }

  dispose(): void {
    this.stop();
    this.#observer.disconnect();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  #schedule(): void {
    if (this.#running && this.#visible && !document.hidden && !this.#frame) this.#frame = requestAnimationFrame(this.#tick);
  }

  #tick = () => {
    this.#frame = 0;
    if (!this.#running || !this.#visible || document.hidden) return;
    if (this.frame(performance.now() + this.budgetMs)) this.#schedule();
    else this.stop();
  };
}
