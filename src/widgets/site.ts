// Where this copy of Descent lives, and which version it is, for links and embed snippets.
declare const __DESCENT_VERSION__: string;
declare const __DESCENT_BUNDLE__: boolean;

export const version: string = typeof __DESCENT_VERSION__ === 'string' ? __DESCENT_VERSION__ : 'dev';

/**
 * The site's root URL. In /widgets.js (loaded by other sites) it is found from
 * this module's own URL, widgets/<version>/chunks/…; on the site itself from
 * the page's origin and Astro's base path.
 */
export function siteRoot(): string {
  if (typeof __DESCENT_BUNDLE__ === 'boolean' && __DESCENT_BUNDLE__) return new URL(/* @vite-ignore */ '../../../', import.meta.url).href;
  return new URL((import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/'), location.origin).href;
}
