/**
 * The address the site is deployed at (Astro's `site`): it goes into canonical
 * links, the sitemap and Open Graph tags. In order: `SITE` if set; on Netlify,
 * the site's main URL (Netlify sets `URL`); on GitHub Actions, the account's
 * GitHub Pages origin; otherwise the preview server's address, where
 * `npm run preview` serves the build.
 */
export function siteUrl(env: Record<string, string | undefined>): string {
  if (env.SITE) return env.SITE;
  if (env.NETLIFY === 'true' && env.URL) return env.URL;
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY_OWNER) return `https://${env.GITHUB_REPOSITORY_OWNER.toLowerCase()}.github.io`;
  return 'http://localhost:4321';
}
