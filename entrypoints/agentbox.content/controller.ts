import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BadgeFace, BadgeFaceRecord } from '@/utils/badge-face';
import { request } from '@/utils/messages';
import type { BadgePrefs } from '@/utils/settings';
import { keepAttached } from './attach';
import { h } from './dom';
import { KEYS, todayKey } from './keys';
import { renderBadge, skeleton } from './view';
// Inlined rather than fetched: the badge shows ~30 ms sooner without a round trip for its CSS.
import css from './style.css?inline';

const NO_PREFS: BadgePrefs = { x: null, y: null, hiddenOn: null, expanded: false };
/** Pointer travel (px) that turns a press into a drag rather than a click. */
const DRAG_SLOP = 4;
/** The longest the stale-dot timer waits before redrawing (setTimeout's range is ~24.8 days). */
const DAY_MS = 86_400_000;
/** Keys the console's own shortcuts must not see while the badge has focus. */
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'];

interface Drag {
  dx: number;
  dy: number;
  sx: number;
  sy: number;
  moved: boolean;
}

/** Run the badge on the console until the content script's context is invalidated. */
export function startBadge(ctx: ContentScriptContext): void {
  // First of all: this one read (figures written by the background, and where the badge sits) is
  // all the badge waits for. No message, so no wait for the service worker to wake up.
  const stored = browser.storage.local.get([KEYS.face, KEYS.prefs]);

  // The shadow root by hand: WXT's createShadowRootUi brings element-watching code the badge never
  // uses. The root is open (tests and the bench look inside), and the host's `:host` rule in
  // style.css resets everything the console's CSS would make it inherit.
  const host = document.createElement('podio-badge');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(h('style', null, css));
  for (const type of KEY_EVENTS) shadow.addEventListener(type, (e) => e.stopPropagation());
  // Laid out hidden until the figures arrive, so the fonts the pill needs are looked up (each a
  // round trip to the browser process) while the storage read is on its way, rather than in the
  // frame that shows the rank.
  const root = h('div', { class: 'podio wait' }, skeleton());
  shadow.append(root);
  const detach = keepAttached(host);

  let face: BadgeFace | null = null;
  let prefs = NO_PREFS;
  let drag: Drag | null = null;
  let dragged = false;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;

  /** The operation's day: the one the face was built on while it lasts (no Intl call needed). */
  const today = (f: BadgeFace) => (Date.now() < f.dayEnds ? f.day : todayKey(f.timeZone));

  /** Place the badge where the agent left it, kept on screen; details open towards the middle. */
  const place = () => {
    const placed = prefs.x !== null && prefs.y !== null;
    root.style.cssText = placed
      ? `left:${Math.max(0, Math.min(prefs.x!, innerWidth - 60))}px;top:${Math.max(0, Math.min(prefs.y!, innerHeight - 36))}px`
      : 'left:16px;bottom:16px';
    root.classList.toggle('up', !placed || prefs.y! > innerHeight / 2);
    root.classList.toggle('end', placed && prefs.x! > innerWidth / 2);
  };

  place();

  const draw = () => {
    clearTimeout(staleTimer);
    if (!face || (prefs.hiddenOn !== null && prefs.hiddenOn === today(face))) {
      root.remove();
      return;
    }
    // On a console left open, the stale dot appears when the figures age past it. Capped: a
    // clock set back could put it past setTimeout's range, which would fire at once, every time.
    const fresh = face.staleAt - Date.now();
    if (fresh >= 0) staleTimer = setTimeout(draw, Math.min(fresh + 1, DAY_MS));
    // Rebuilding replaces the focused control: give focus back to its successor.
    const focused = shadow.activeElement?.className;
    root.classList.remove('wait');
    root.replaceChildren(
      ...renderBadge(face, { stale: fresh < 0, expanded: prefs.expanded }, actions),
    );
    place();
    if (!root.isConnected) shadow.append(root);
    if (focused) root.querySelector<HTMLElement>(`.${focused.split(' ')[0]}`)?.focus();
  };

  const save = (patch: Partial<BadgePrefs>, redraw = true) => {
    prefs = { ...prefs, ...patch };
    if (redraw) draw();
    void browser.storage.local.set({ [KEYS.prefs]: prefs });
  };

  const actions = {
    onToggle: () => {
      if (dragged) dragged = false;
      else save({ expanded: !prefs.expanded });
    },
    onHide: () => save({ hiddenOn: today(face!), expanded: false }),
    onPointerDown: (e: PointerEvent) => {
      if (e.button !== 0) return;
      dragged = false;
      const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
      drag = {
        dx: e.clientX - box.left,
        dy: e.clientY - box.top,
        sx: e.clientX,
        sy: e.clientY,
        moved: false,
      };
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent) => {
      if (!drag) return;
      if (!drag.moved && Math.hypot(e.clientX - drag.sx, e.clientY - drag.sy) < DRAG_SLOP) return;
      drag.moved = true;
      // Move only: rebuilding the pill mid-drag would drop its pointer capture.
      prefs = { ...prefs, x: e.clientX - drag.dx, y: e.clientY - drag.dy };
      place();
    },
    onPointerUp: () => {
      // A drag ends in a click on the pill: that click must not toggle the details.
      dragged = drag?.moved ?? false;
      drag = null;
      if (dragged) save({}, false);
    },
  };

  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !prefs.expanded) return;
    save({ expanded: false });
    root.querySelector<HTMLElement>('.pill')?.focus();
  });

  void stored
    .then(async (items) => {
      let record = items[KEYS.face] as BadgeFaceRecord | undefined;
      // Not written yet (just installed), or in another language than the browser's now: the
      // worker answers once, and rewrites the stored face for the next console.
      if (record?.lang !== browser.i18n.getUILanguage()) {
        record = { lang: '', face: (await request('getBadge', {})).face };
      }
      face = record.face;
      if (!drag) prefs = { ...NO_PREFS, ...(items[KEYS.prefs] as BadgePrefs | undefined) };
      draw();
    })
    // The background is updating or gone: the next change of the stored face draws the badge.
    .catch(() => undefined);

  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const next = changes[KEYS.face];
    const moved = KEYS.prefs in changes && !drag;
    if (next) face = (next.newValue as BadgeFaceRecord | undefined)?.face ?? null;
    // Moved, shown again or hidden from another tab or the options page.
    if (moved)
      prefs = { ...NO_PREFS, ...(changes[KEYS.prefs]!.newValue as BadgePrefs | undefined) };
    if (next || moved) draw();
  };
  browser.storage.onChanged.addListener(onChanged);
  ctx.addEventListener(window, 'resize', place);
  ctx.onInvalidated(() => {
    clearTimeout(staleTimer);
    detach();
    host.remove();
    browser.storage.onChanged.removeListener(onChanged);
  });
}
