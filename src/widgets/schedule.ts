import { line, plot, ruleX, dot } from '@observablehq/plot';
import { schedules, scheduleDefaults, validateSchedule, type Schedule } from '../optimizers/schedules';
import { control } from './controls';
import { fmt, h, slider } from './dom';
import type { Mounted } from './lazy';
import { asImage, PlotBox } from './plots';
import { openShell } from './shell';
import { chosen, scheduleParamField, scheduleParamFields, scheduleSchema } from './specs';

/** A learning-rate schedule drawn over its steps, with its parameters as sliders. */
export function mount(host: HTMLElement): Mounted {
  const { frame, status, settings, share } = openShell(host, scheduleSchema, '', 'Learning-rate schedule');
  let schedule: Schedule = schedules[settings.schedule];
  let lr = settings.lr;
  let steps = settings.steps;
  // Values the reader or the attributes set, kept across schedule changes where names match.
  const picked = chosen(settings, Object.keys(scheduleParamFields));
  let probe = 0;

  const plotBox = new PlotBox(() => draw(), 640);
  const paramBox = h('div', { class: 'controls' });
  const table = h('table');
  const pick = control('schedule', scheduleSchema.schedule, schedule.id, (id) => {
    schedule = schedules[id];
    buildParams();
    changed();
  });
  const lrSlider = control('lr', scheduleSchema.lr, lr, (v) => {
    lr = v;
    changed();
  });
  const stepsSlider = control('steps', scheduleSchema.steps, steps, (v) => {
    steps = v;
    changed();
  });
  // Reads off one step's rate: the keyboard-friendly way to explore the curve.
  const probeSlider = slider({ label: 'read the rate at (% of the run)', min: 0, max: 100, integer: true, value: 0 }, (v) => {
    probe = v / 100;
    draw();
  });
  const { buttons: shareButtons, save } = share(() => ({ ...picked, schedule: schedule.id, lr, steps }));
  frame.append(
    h('div', { class: 'toolbar' }, ...shareButtons),
    h('div', { class: 'controls' }, pick.el, lrSlider.el, stepsSlider.el, probeSlider.el),
    paramBox,
    plotBox.el,
    status,
    h('details', {}, h('summary', {}, 'Data table'), table),
  );

  function buildParams() {
    paramBox.replaceChildren(
      ...Object.entries(schedule.params).map(([name, spec]) =>
        control(name, scheduleParamField(spec), picked[name] ?? spec.default, (v: number) => {
          picked[name] = v;
          changed();
        }).el,
      ),
    );
  }

  function changed() {
    draw();
    save();
  }

  function draw() {
    const given = Object.fromEntries(Object.keys(schedule.params).map((n) => [n, picked[n] ?? scheduleDefaults(schedule)[n]]));
    let params: Record<string, number>;
    try {
      params = validateSchedule(schedule, given);
    } catch (e) {
      status.textContent = `Cannot draw this schedule: ${(e as Error).message}`;
      plotBox.show();
      return;
    }
    const stride = Math.max(1, Math.floor(steps / 600));
    const rows: { k: number; lr: number }[] = [];
    for (let k = 0; k < steps; k += stride) rows.push({ k, lr: schedule.lr(k, lr, params) });
    const at = Math.round(probe * (steps - 1));
    const here = schedule.lr(at, lr, params);
    const first = rows[0].lr;
    const last = schedule.lr(steps - 1, lr, params);
    const peak = Math.max(...rows.map((r) => r.lr));
    status.textContent = `${schedule.name}: η starts at ${fmt(first)}, peaks at ${fmt(peak)}, ends at ${fmt(last)} after ${steps} steps; at step ${at} η = ${fmt(here)}`;
    const fig = plot({
      width: plotBox.width, height: 240, marginLeft: 56,
      x: { label: 'step', domain: [0, steps] }, y: { label: 'learning rate', domain: [0, peak * 1.05 || 1], tickFormat: '.2~g' },
      marks: [
        line(rows, { x: 'k', y: 'lr', stroke: 'var(--_accent)', strokeWidth: 2 }),
        ruleX([at], { strokeOpacity: 0.4 }),
        dot([{ k: at, lr: here }], { x: 'k', y: 'lr', fill: 'var(--_accent)', r: 4 }),
      ],
    });
    plotBox.show(asImage(fig, `${schedule.name} learning rate over ${steps} steps: from ${fmt(first)} to ${fmt(last)}, peak ${fmt(peak)}.`));
    const sample = Array.from({ length: 11 }, (_, i) => Math.round((i * (steps - 1)) / 10));
    table.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'step'), h('th', { scope: 'col' }, 'η'))),
      h('tbody', {}, ...sample.map((k) => h('tr', {}, h('td', {}, String(k)), h('td', {}, fmt(schedule.lr(k, lr, params)))))),
    );
  }

  buildParams();
  draw();
  return { disconnect: () => plotBox.disconnect() };
}
