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

/**
 * Where the site's source can be cloned from, for the grading instructions: `REPOSITORY`
 * if set, else what the CI that builds the site says (GitHub Actions, Netlify), else
 * undefined, and the page says to ask the site's maintainer rather than show a made-up address.
 */
export function sourceRepository(env: Record<string, string | undefined>): string | undefined {
  if (env.REPOSITORY) return env.REPOSITORY;
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY) return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}`;
  if (env.NETLIFY === 'true' && env.REPOSITORY_URL) return env.REPOSITORY_URL;
  return undefined;
}
