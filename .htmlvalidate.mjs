// html-validate's configuration for the built pages (tests/e2e/html.test.ts).
// Each change to the recommended rules is for markup that Astro, Starlight,
// KaTeX or Expressive Code generates and this project cannot reasonably change.
import { defineConfig } from 'html-validate';

export default defineConfig({
  extends: ['html-validate:recommended'],
  rules: {
    // Starlight writes its <head> as <meta … />, Astro its stylesheet links and our .astro pages as <link …>: both valid.
    'void-style': 'off',
    // Starlight's skip link targets id="_top": a valid HTML id, refused only by the rule's stricter default.
    'valid-id': ['error', { relaxed: true }],
    // KaTeX sizes glyphs, Expressive Code colours tokens and Starlight indents its contents with style attributes.
    'no-inline-style': 'off',
    // Astro's compiler leaves spaces at the ends of lines between components; whitespace is not an error in HTML.
    'no-trailing-whitespace': 'off',
    // Starlight renders the table of contents twice, for phones and for desktops (CSS shows one), with the same name.
    'unique-landmark': 'off',
    // Starlight's search and menu buttons and Expressive Code's copy buttons have no type; none is in a form.
    'no-implicit-button-type': 'off',
    // Expressive Code puts a <div> per line inside <code> and an empty <div> inside its copy <button>.
    'element-permitted-content': 'off',
    // Expressive Code's copy button is named by its title only.
    'text-content': 'off',
  },
});
