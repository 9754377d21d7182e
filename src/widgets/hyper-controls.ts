import { optimizers } from '../optimizers';
import { slider } from './dom';

/**
 * One slider per hyperparameter of optimizer `id`, starting from `values`
 * (falling back to the optimizer's defaults); `onChange` gets each new value.
 */
export function hyperSliders(id: string, values: Record<string, number>, onChange: (name: string, value: number) => void): Map<string, HTMLElement> {
  const opt = optimizers[id];
  return new Map(
    Object.entries(opt.hyper).map(([name, spec]) => [
      name,
      slider({ label: `${spec.label} ${spec.symbol}`, min: spec.min, max: spec.max, log: spec.log, value: values[name] ?? opt.defaults[name], name }, (v) =>
        onChange(name, v),
      ).el,
    ]),
  );
}
