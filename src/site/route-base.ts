// Starlight route middleware: the landing page's hero buttons (`hero.actions[].link`
// in front matter) carry the site's base path, as links in chapters do (./rehype-base.ts).
// Starlight uses those links as written.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from './base';

export const onRequest = defineRouteMiddleware(({ locals }) => {
  const route = locals.starlightRoute;
  const hero = route.entry.data.hero;
  if (!hero?.actions.length) return;
  // A copy, not an edit: the entry is shared with later renders (the dev server's), which would add the base twice.
  const actions = hero.actions.map((action) => ({ ...action, link: withBase(import.meta.env.BASE_URL, action.link) }));
  route.entry = { ...route.entry, data: { ...route.entry.data, hero: { ...hero, actions } } };
});
