// The descent-* custom elements, for Astro templates: any attribute, like other HTML elements.
declare namespace astroHTML.JSX {
  type DescentElement = HTMLAttributes & Record<string, unknown>;
  interface IntrinsicElements {
    'descent-trainer': DescentElement;
    'descent-surface': DescentElement;
    'descent-race': DescentElement;
    'descent-inspector': DescentElement;
    'descent-schedule': DescentElement;
    'descent-lr-demo': DescentElement;
  }
}
