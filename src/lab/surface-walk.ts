/**
 * The playground on a 2-D surface: the reader's optimizer and the built-ins
 * walk a function of (x, y) (src/train/surfaces.ts) as on the surface
 * explorer, with the same SurfaceRace, but inside the playground's Worker,
 * where the reader's code lives; the page gets each walker's new points and
 * draws them. The Worker side (WalkHost) and the page side (WalkSession)
 * speak the requests below; the page's guarded engine puts its time limit
 * on each, as on every request of the playground.
 */
import { SurfaceRace, type Walker } from '../train/surface-race';
import { surfaces } from '../train/surfaces';
import { optimizers, takesAnyShape } from '../optimizers';
import type { Session } from '../widgets/playback';
import type { Run } from '../widgets/schema';

export type WalkRequest =
  /** Puts the walkers (run 0 the reader's, `yours`) at `start` on surface `fn`; a walk lasts `end` steps. */
  | { op: 'walk-build'; fn: string; kappa: number; start: [number, number]; runs: Run[]; end: number }
  /** Up to `max` more steps, as many as fit in `budgetMs` (at least one). */
  | { op: 'walk'; max: number; budgetMs: number };

/** Where the walk stands, with each walker's points since the last report (positions from index `from` of its path). */
export interface WalkReport {
  step: number;
  canStep: boolean;
  walkers: { from: number; path: [number, number][]; losses: number[]; diverged: boolean }[];
}

/** The Worker's side: one walk at a time. */
export class WalkHost {
  #race: SurfaceRace | undefined;
  #end = 0;
  #sent: number[] = [];

  handle(request: WalkRequest): WalkReport {
    if (request.op === 'walk-build') {
      const { fn, kappa, start, runs, end } = request;
      if (!Object.hasOwn(surfaces, fn)) throw new Error(`playground: no surface named ${fn}`);
      const matrixOnly = runs.find((r) => !takesAnyShape(r.optimizer));
      if (matrixOnly) throw new Error(`${optimizers[matrixOnly.optimizer].name} updates weight matrices only, and a walker on a surface is a point (x, y): race it on a network dataset`);
      this.dispose();
      this.#race = new SurfaceRace(surfaces[fn], runs, start, kappa);
      this.#end = end;
      this.#sent = runs.map(() => 0);
      return this.#report();
    }
    const race = this.#race;
    if (!race) throw new Error('playground: no walk was built');
    const t0 = performance.now();
    for (let n = 0; n < request.max && this.#canStep(race) && (n === 0 || performance.now() - t0 < request.budgetMs); n++) race.advance();
    return this.#report();
  }

  dispose(): void {
    this.#race?.dispose();
    this.#race = undefined;
  }

  #canStep(race: SurfaceRace): boolean {
    return race.active && race.step < this.#end;
  }

  #report(): WalkReport {
    const race = this.#race!;
    const walkers = race.walkers.map((w, i) => {
      const from = this.#sent[i];
      this.#sent[i] = w.path.length;
      return { from, path: w.path.slice(from), losses: w.losses.slice(from), diverged: w.diverged };
    });
    return { step: race.step, canStep: this.#canStep(race), walkers };
  }
}

/** The walkers as the page knows them: each report's points appended in place. */
export function applyWalk(walkers: Walker[], report: WalkReport): void {
  report.walkers.forEach((r, i) => {
    const w = walkers[i];
    // A report from further on than the page has seen would leave a gap: the walk's reports come in order, so that is a bug.
    if (r.from !== w.path.length) throw new Error(`playground: walker ${i} reported from ${r.from}, the page has ${w.path.length} points`);
    w.path.push(...r.path);
    w.losses.push(...r.losses);
    w.diverged = r.diverged;
  });
}

/** Steps per request, in ms of the Worker's time: a surface step is microseconds, so this paces the drawing, not the work. */
export const WALK_SLICE_MS = 16;

/** What the walk needs of the playground's engine (its guarded Worker, or a fake in tests). */
export interface WalkEngine {
  request(request: WalkRequest): Promise<{ walk?: WalkReport }>;
  stop(): void;
  /** What stopped it (a time-out, the reader's exception), if anything did. */
  readonly failure: Error | undefined;
}

/** The page's side, as a playable session: each `advance` asks the Worker for the next stretch of the walk. */
export class WalkSession implements Session {
  readonly remote = true;
  step = 0;
  canStep = false;
  readonly walkers: Walker[];

  constructor(readonly engine: WalkEngine, optimizers: string[], first: WalkReport) {
    this.walkers = optimizers.map((optimizer) => ({ optimizer, path: [], losses: [], diverged: false }));
    this.#take(first);
  }

  async advance(n: number): Promise<void> {
    const { walk } = await this.engine.request({ op: 'walk', max: n, budgetMs: WALK_SLICE_MS });
    if (walk) this.#take(walk);
  }

  dispose(): void {
    this.engine.stop();
  }

  #take(report: WalkReport) {
    applyWalk(this.walkers, report);
    this.step = report.step;
    this.canStep = report.canStep;
  }
}

/** Builds the walk in the engine: run 0 the reader's optimizer, then `runs`. */
export async function buildWalk(
  engine: WalkEngine, s: { fn: string; kappa: number; start: [number, number]; end: number }, yours: Run, runs: Run[],
): Promise<WalkSession> {
  const all = [yours, ...runs];
  const { walk } = await engine.request({ op: 'walk-build', ...s, runs: all });
  if (!walk) throw new Error('playground: the engine did not build the walk');
  return new WalkSession(engine, all.map((r) => r.optimizer), walk);
}
