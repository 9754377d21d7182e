/**
 * The CSS every widget's shadow root starts with. Colours come from CSS custom
 * properties a host page may set (--descent-fg, --descent-bg, --descent-muted,
 * --descent-border, --descent-accent, --descent-button-bg, --descent-button-fg,
 * --descent-font); inside this site they
 * follow Starlight's theme, elsewhere the reader's light or dark preference.
 * `:host` declarations are !important because an outer page's rules would
 * otherwise win over them (e.g. `* { font-size: 40px }`).
 */
export const baseCss = `
:host {
  --_fg: var(--descent-fg, var(--sl-color-white, #1b1b1f));
  --_bg: var(--descent-bg, var(--sl-color-black, #ffffff));
  --_muted: var(--descent-muted, var(--sl-color-gray-2, #4a4a55));
  --_border: var(--descent-border, var(--sl-color-gray-5, #c8c8d0));
  --_accent: var(--descent-accent, var(--sl-color-accent, #3558c8));
  --_bad: var(--descent-bad, #b02a1e); /* divergence, a wrong answer: 4.5:1 or more on the background */
  --_on-accent-bg: var(--descent-button-bg, var(--sl-color-bg-accent, #3558c8));
  --_on-accent-fg: var(--descent-button-fg, var(--sl-color-text-invert, #ffffff));
  --_font: var(--descent-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  display: block !important;
  margin: 1.5rem 0;
  font-size: 14px !important;
  line-height: 1.45 !important;
  box-sizing: border-box !important;
  color: var(--_fg);
  font-family: var(--_font);
}
@media (prefers-color-scheme: dark) {
  :host {
    --_fg: var(--descent-fg, var(--sl-color-white, #e6e6ee));
    --_bg: var(--descent-bg, var(--sl-color-black, #17181c));
    --_muted: var(--descent-muted, var(--sl-color-gray-2, #b4b4c0));
    --_border: var(--descent-border, var(--sl-color-gray-5, #44454f));
    --_accent: var(--descent-accent, var(--sl-color-accent, #8aa4ff));
    --_bad: var(--descent-bad, #ff8a80);
    --_on-accent-bg: var(--descent-button-bg, var(--sl-color-bg-accent, #b3c3ff));
    --_on-accent-fg: var(--descent-button-fg, var(--sl-color-text-invert, #111522));
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.print-note { display: none; }
@media print {
  .frame > :not(.print-note) { display: none !important; }
  .print-note { display: block; margin: 0; font-size: 11pt; overflow-wrap: anywhere; }
  .frame { border-style: dashed; }
}
.frame { border: 1px solid var(--_border); border-radius: 8px; padding: 12px 14px; background: var(--_bg); }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 8px; }
button, select, input { font: inherit; color: inherit; }
button {
  display: inline-block; padding: 4px 12px; border-radius: 6px; cursor: pointer; min-height: 32px;
  border: 1px solid var(--_border); background: var(--_bg);
}
/* Play and Pause swap in place: one width, so the toolbar does not reflow. */
button.play { min-width: 5.5em; }
button.primary { background: var(--_on-accent-bg); border-color: var(--_on-accent-bg); color: var(--_on-accent-fg); font-weight: 600; }
button:disabled { opacity: 0.5; cursor: not-allowed; }
select { padding: 3px 6px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_bg); min-height: 32px; }
:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
.controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 4px 16px; margin: 8px 0; }
.control { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 0 8px; }
.control label { font-size: 13px; color: var(--_muted); }
.control input[type=range] { grid-column: 1 / -1; width: 100%; accent-color: var(--_accent); margin: 2px 0; }
.control output { font-variant-numeric: tabular-nums; font-size: 13px; grid-row: 1; grid-column: 2; }
.control select { grid-column: 1 / -1; }
.control.check { grid-template-columns: auto 1fr; min-height: 32px; }
.control.check input { width: 18px; height: 18px; margin: 0; accent-color: var(--_accent); }
.control.box input { grid-column: 1 / -1; padding: 3px 6px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_bg); min-height: 32px; }
[role=status] { font-variant-numeric: tabular-nums; margin: 6px 0 0; min-height: 1.45em; }
.notes { margin: 0 0 8px; padding: 6px 10px; border-left: 3px solid #c77700; font-size: 13px; }
.notes p { margin: 0; }
.diverged { color: var(--_bad); font-weight: 600; }
details { margin-top: 6px; font-size: 13px; }
summary { cursor: pointer; color: var(--_muted); }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 1px 10px 1px 0; text-align: right; }
th { font-weight: 600; }
svg { max-width: 100%; height: auto; display: block; }
/* Plots are drawn at their box's width (see plots.ts), so text in them keeps its size. */
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 8px; }
.plots > * { min-width: 0; }
.plot-legend { display: flex; flex-wrap: wrap; gap: 2px 12px; margin: 2px 0 4px; padding: 0; list-style: none; font-size: 12px; color: var(--_muted); }
.plot-legend li { display: flex; align-items: center; gap: 5px; }
.plot-legend .key { flex: none; }
/* Touch screens: every control at least 44 px tall (WCAG 2.5.5), sliders with a thumb to match. */
@media (pointer: coarse) {
  button, select, .control.box input { min-height: 44px; }
  .control input[type=range] { height: 44px; margin: 0; }
  .control.check { min-height: 44px; }
  summary { line-height: 44px; }
}
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* The Embed dialog */
dialog { max-width: min(640px, 92vw); border: 1px solid var(--_border); border-radius: 8px; background: var(--_bg); color: var(--_fg); padding: 16px; }
dialog::backdrop { background: rgb(0 0 0 / 0.4); }
dialog h2 { font-size: 16px; margin: 0 0 8px; }
dialog h3 { font-size: 14px; margin: 12px 0 4px; }
dialog textarea { width: 100%; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; color: inherit; background: transparent; border: 1px solid var(--_border); border-radius: 6px; padding: 6px; resize: vertical; }
dialog p { margin: 4px 0; font-size: 13px; }
dialog a { color: var(--_accent); }
.snippet-actions { display: flex; gap: 6px; align-items: center; margin-top: 4px; }
.dialog-close { margin-top: 12px; }
`;
