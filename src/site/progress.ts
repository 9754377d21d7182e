/**
 * Reading progress, kept in the reader's browser only: chapters read to the
 * end (`descent:read:<slug>`) and exercises passed (`descent:exercise:<id>`,
 * written by the exercise widget). Where storage is unavailable (a sandboxed
 * frame, a strict privacy mode) nothing is remembered and nothing breaks.
 */
const PREFIX = 'descent:';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function keys(): string[] {
  try {
    const s = storage();
    return s ? Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').filter((k) => k.startsWith(PREFIX)) : [];
  } catch {
    return [];
  }
}

export function markRead(slug: string): void {
  try {
    storage()?.setItem(`${PREFIX}read:${slug}`, new Date().toISOString());
  } catch {
    // storage full or refused: progress is a convenience, not a requirement
  }
}

export function chaptersRead(): Set<string> {
  return new Set(keys().filter((k) => k.startsWith(`${PREFIX}read:`)).map((k) => k.slice(`${PREFIX}read:`.length)));
}

export function exercisesPassed(): Set<string> {
  const passed = new Set<string>();
  for (const key of keys().filter((k) => k.startsWith(`${PREFIX}exercise:`))) {
    try {
      if (JSON.parse(storage()?.getItem(key) ?? 'null')?.passed === true) passed.add(key.slice(`${PREFIX}exercise:`.length));
    } catch {
      // a value that is not ours: ignore it
    }
  }
  return passed;
}

/** Forgets everything Descent stored in this browser. */
export function resetProgress(): void {
  for (const key of keys()) {
    try {
      storage()?.removeItem(key);
    } catch {
      // nothing to do
    }
  }
}

/** The chapter slug of a page path, e.g. "/momentum/" → "momentum" (with any base path removed). */
export function slugOf(pathname: string, base = '/'): string {
  return pathname.slice(base.length - (base.endsWith('/') ? 1 : 0)).replace(/^\/+|\/+$/g, '');
}

/**
 * Marks a chapter read once the reader reaches its end (the `end` element
 * scrolls into view), and marks the sidebar: read chapters get a tick, and
 * chapters whose exercises (`exercises`: chapter slug → optimizer ids) are all
 * passed a star.
 */
export function trackReading(
  slug: string,
  end: Element | null,
  sidebarLinks: Iterable<HTMLAnchorElement>,
  exercises: Record<string, string[]> = {},
  base = '/',
): void {
  const tick = () => {
    const read = chaptersRead();
    const passed = exercisesPassed();
    for (const link of sidebarLinks) {
      const chapter = slugOf(new URL(link.href).pathname, base);
      const done = read.has(chapter);
      const solved = (exercises[chapter]?.length ?? 0) > 0 && exercises[chapter].every((id) => passed.has(id));
      link.classList.toggle('is-read', done);
      link.classList.toggle('is-solved', solved);
      link.querySelector('.read-mark')?.remove();
      const words = [done && 'read', solved && 'exercises passed'].filter(Boolean).join(', ');
      if (words) link.append(Object.assign(document.createElement('span'), { className: 'read-mark sr-only', textContent: ` (${words})` }));
    }
  };
  tick();
  if (!end || !slug) return;
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    markRead(slug);
    tick();
  });
  observer.observe(end);
}
