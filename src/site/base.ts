/**
 * A root-relative path ("/adam/") under the site's base path ("/descent/" or
 * "/descent"): "/descent/adam/". Anything else (a full URL, "//host/…", "#x",
 * "adam/") is returned as it is, so a link that already works is never bent.
 */
export function withBase(base: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  return base.replace(/\/+$/, '') + path;
}
