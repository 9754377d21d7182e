/**
 * Registers the service worker (see ./sw.ts) and, when a new version of the
 * site has been installed while a page is open, offers it: the notice fills
 * the `role=status` region with the template's message and Reload button. The
 * new worker takes over only when the reader presses Reload, so a page never
 * runs with half its code from one deploy and half from the next.
 *
 * Where service workers are unavailable (an old browser, a sandboxed frame,
 * site data blocked) the site simply does not work offline, quietly.
 */
export function startOffline(script: string, scope: string, region: HTMLElement, template: HTMLTemplateElement): void {
  let sw: ServiceWorkerContainer | undefined;
  try {
    sw = navigator.serviceWorker;
  } catch {
    return;
  }
  if (!sw) return;
  const container = sw;
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
      worker.postMessage({ type: 'skip-waiting' });
    });
  };
  const whenInstalled = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });

  const register = async () => {
    const registration = await container.register(script, { scope });
    if (registration.waiting) offer(registration.waiting);
    whenInstalled(registration.installing);
    registration.addEventListener('updatefound', () => whenInstalled(registration.installing));
  };
  // After the page has loaded, so that storing the site does not compete with showing this page.
  const start = () => register().catch(() => undefined);
  if (document.readyState === 'complete') void start();
  else addEventListener('load', () => void start(), { once: true });
}
