import type { DiagnosticsSample } from '../train/diagnostics';
import type { DiagnosticsReport } from '../train/diagnostics-sampler';
import type { DiagnosticsPlan } from './diagnostics-view';

/**
 * The diagnostics a page keeps of a run: every sample that measured λ_max
 * (thinned, as the loss history is, once there are more than `max`) for the
 * sharpness plot, and the latest sample for the per-tensor table and the
 * effective-step histogram. Samples without λ_max are dropped once a newer
 * one arrives: the panel shows only the latest of them.
 */
export class DiagnosticsHistory {
  plan: DiagnosticsPlan | null = null;
  private sharp: DiagnosticsSample[] = [];
  private latest: DiagnosticsSample | undefined;

  constructor(private max = 300) {}

  add(report: DiagnosticsReport): void {
    const { samples, run: _, ...plan } = report;
    this.plan = plan;
    for (const s of samples) {
      this.latest = s;
      if (s.sharpnessMissing === 'off') continue;
      this.sharp.push(s);
      if (this.sharp.length > this.max) this.sharp = this.sharp.filter((_, i) => i % 2 === 0 || i === this.sharp.length - 1);
    }
  }

  /** What the panel draws, oldest first: the samples with λ_max, then the latest if it has none. */
  get samples(): DiagnosticsSample[] {
    return this.latest && this.sharp.at(-1) !== this.latest ? [...this.sharp, this.latest] : [...this.sharp];
  }
}
