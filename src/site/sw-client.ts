import type { ToWorker } from './offline-status';

/** The site's root, where the worker lives and what it controls (with a trailing slash). */
export const scope = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** The page's service worker container, or undefined where there is none or reading it throws (storage blocked). */
export function serviceWorkers(): ServiceWorkerContainer | undefined {
  try {
    return navigator.serviceWorker ?? undefined;
  } catch {
    return undefined;
  }
}

let registration: Promise<ServiceWorkerRegistration> | undefined;

/**
 * Registers the worker once the page has loaded, so that storing the shell does
 * not compete with showing this page; every caller gets the same registration.
 * Rejects where there is no worker: no support, or (as in the dev server, whose
 * pages change under it) not the production build.
 */
export function registered(): Promise<ServiceWorkerRegistration> {
  registration ??= new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', () => resolve(), { once: true });
  }).then(() => {
    const container = serviceWorkers();
    if (!container || !import.meta.env.PROD) throw new Error('no service worker here');
    return container.register(`${scope}sw.js`, { scope });
  });
  return registration;
}

/**
 * Starts the worker (see ./sw.ts) and, when a new version of the site has been
 * installed while a page is open, offers it: the notice fills the
 * `role=status` region with the template's message and Reload button. The new
 * worker takes over only when the reader presses Reload, so a page never runs
 * with half its code from one deploy and half from the next.
 *
 * It also hands the worker the first page a reader opens, which loaded before
 * the worker existed, so that this page reads offline too.
 *
 * Where service workers are unavailable (an old browser, a sandboxed frame,
 * site data blocked) the site simply does not work offline, and the "Save the
 * guide for offline" control says so.
 */
export function startOffline(region: HTMLElement, template: HTMLTemplateElement): void {
  const container = serviceWorkers();
  if (!container) return;
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (!reloading) return;
    reloading = false;
    location.reload();
  });

  const offer = (worker: ServiceWorker) => {
    // With no worker in control this is the first install: nothing to update.
    if (!container.controller || region.childElementCount > 0) return;
    region.append(template.content.cloneNode(true));
    region.querySelector('button')?.addEventListener('click', () => {
      // Another tab may have let it take over already; then a plain reload gets the new version.
      if (worker.state !== 'installed') return location.reload();
      reloading = true;
      worker.postMessage({ type: 'skip-waiting' } satisfies ToWorker);
    });
  };
  const whenInstalled = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });

  registered()
    .then((registration) => {
      if (registration.waiting) offer(registration.waiting);
      whenInstalled(registration.installing);
      registration.addEventListener('updatefound', () => whenInstalled(registration.installing));
      // This page loaded before any worker was in charge: once one is, it stores the page and what it loaded.
      if (!container.controller) {
        const opened = () => [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
        void container.ready.then((ready) => ready.active?.postMessage({ type: 'keep', urls: opened() } satisfies ToWorker));
      }
    })
    .catch(() => undefined);
}
