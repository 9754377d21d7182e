import { view, type FromWorker, type OfflineStatus, type ToWorker } from './offline-status';
import { registered, serviceWorkers } from './sw-client';

/**
 * Wires a "Save the guide for offline" control (components/OfflineCopy.astro)
 * to the service worker, which does the saving, so that it goes on while the
 * reader moves from page to page and every open page shows its progress.
 */
export function startOfflineCopy(root: HTMLElement): void {
  const text = root.querySelector<HTMLElement>('.offline-copy-text')!;
  const bar = root.querySelector('progress')!;
  const button = (action: string) => root.querySelector<HTMLButtonElement>(`[data-offline="${action}"]`)!;
  const [save, cancel, remove] = [button('save'), button('cancel'), button('remove')];

  const show = (status: OfflineStatus | undefined) => {
    const shown = view(status);
    const hadFocus = root.contains(document.activeElement);
    // Rewriting the same words would announce them again.
    if (text.textContent !== shown.text) text.textContent = shown.text;
    bar.hidden = !shown.progress;
    if (shown.progress) Object.assign(bar, shown.progress);
    save.hidden = !shown.save;
    save.textContent = shown.save ?? save.textContent;
    cancel.hidden = !shown.cancel;
    remove.hidden = !shown.remove;
    // The pressed button may have just been hidden: keep the keyboard in the control.
    if (hadFocus && !root.contains(document.activeElement)) [save, cancel, remove].find((b) => !b.hidden)?.focus();
  };

  const container = serviceWorkers();
  if (!container) return show(undefined);
  container.addEventListener('message', (event: MessageEvent<FromWorker | null>) => {
    if (event.data?.type === 'offline-status') show(event.data.status);
  });
  const worker = registered().then(async () => (await container.ready).active);
  const send = (message: ToWorker) => void worker.then((active) => active?.postMessage(message));
  worker.then(() => send({ type: 'offline-status' }), () => show(undefined));
  save.addEventListener('click', () => send({ type: 'offline-save' }));
  cancel.addEventListener('click', () => send({ type: 'offline-cancel' }));
  remove.addEventListener('click', () => send({ type: 'offline-remove' }));
}
