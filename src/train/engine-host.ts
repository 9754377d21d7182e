import { memory } from '@tensorflow/tfjs-core';
import type { ModelSnapshot } from './model-snapshot';
import { DiagnosticsSampler, type DiagnosticsReport } from './diagnostics-sampler';
import { buildRuns, type RunState, type Runs } from './runs';
import { StepBudget } from './step-budget';
import type { TrainerConfig } from './trainer';

/**
 * The training engine behind a message protocol, so that it can run in a
 * dedicated Worker (engine-worker.ts) while the page only draws — or, where a
 * Worker cannot start, on the page itself through the same `handle`, with the
 * same numbers. Every request and reply is plain, structured-cloneable data.
 */
export type EngineRequest =
  | { op: 'hello' }
  /** Build runs for `session` (a number the page picks); a later build or dispose of it makes this one stale. */
  | { op: 'build'; session: number; configs: TrainerConfig[]; end: number }
  /** Train up to `max` steps, as many as fit in `budgetMs`, then report; with the model snapshots of runs `models`. */
  | { op: 'advance'; session: number; max: number; budgetMs: number; models: number[] }
  | { op: 'models'; session: number; models: number[] }
  /** Measure diagnostics of run `run` while training (null: stop); the reply carries a first sample. */
  | { op: 'diagnostics'; session: number; run: number | null }
  | { op: 'dispose'; session: number };

/** Where a session stands after a request. */
export interface SessionReport {
  step: number;
  canStep: boolean;
  runs: RunState[];
  /** Snapshots of the runs asked for, by run index. */
  models: Record<number, ModelSnapshot | null>;
  /** Diagnostics samples taken since the last report, while they are on. */
  diagnostics: DiagnosticsReport | null;
}

export interface EngineReply {
  /** Live tensors in the engine after the request: a leak check for tests. */
  tensors: number;
  /** The session's report; null when it was disposed or rebuilt meanwhile (or for hello and dispose). */
  report: SessionReport | null;
}

export class EngineHost {
  private sessions = new Map<number, Session>();
  private generation = new Map<number, number>(); // bumps on every build or dispose of a session

  async handle(request: EngineRequest): Promise<EngineReply> {
    switch (request.op) {
      case 'hello':
        return this.reply(null);
      case 'build':
        return this.reply(await this.build(request.session, request.configs, request.end));
      case 'advance':
        return this.reply(this.advance(request.session, request.max, request.budgetMs, request.models));
      case 'models': {
        const s = this.sessions.get(request.session);
        return this.reply(s ? report(s, request.models) : null);
      }
      case 'diagnostics': {
        const s = this.sessions.get(request.session);
        if (s) s.sampler = request.run === null ? undefined : new DiagnosticsSampler(s.runs, request.run);
        return this.reply(s ? report(s, []) : null);
      }
      case 'dispose':
        this.drop(request.session);
        return this.reply(null);
    }
  }

  private async build(session: number, configs: TrainerConfig[], end: number): Promise<SessionReport | null> {
    this.drop(session);
    const mine = this.generation.get(session)!;
    const runs = await buildRuns(configs, end, () => this.generation.get(session) !== mine);
    if (!runs) return null;
    const s: Session = { runs, budget: new StepBudget() };
    this.sessions.set(session, s);
    return report(s, configs.map((_, i) => i));
  }

  private advance(session: number, max: number, budgetMs: number, models: number[]): SessionReport | null {
    const s = this.sessions.get(session);
    if (!s) return null;
    const t0 = performance.now();
    const before = s.runs.step;
    const n = Math.min(max, s.budget.steps(budgetMs));
    if (s.sampler) s.sampler.advance(n);
    else s.runs.advance(n);
    s.budget.record(s.runs.step - before, performance.now() - t0);
    return report(s, models);
  }

  private drop(session: number): void {
    this.generation.set(session, (this.generation.get(session) ?? 0) + 1);
    this.sessions.get(session)?.runs.dispose();
    this.sessions.delete(session);
  }

  private reply(report: SessionReport | null): EngineReply {
    return { tensors: memory().numTensors, report };
  }
}

interface Session {
  runs: Runs;
  budget: StepBudget;
  sampler?: DiagnosticsSampler;
}

function report({ runs, sampler }: Session, models: number[]): SessionReport {
  return {
    step: runs.step,
    canStep: runs.canStep,
    runs: runs.states(),
    models: Object.fromEntries(models.map((i) => [i, runs.model(i)])),
    diagnostics: sampler?.take() ?? null,
  };
}
