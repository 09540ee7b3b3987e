import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { uiLocale } from '@/utils/i18n';
import { request, type BadgeReply } from '@/utils/messages';
import type { BadgePrefs, Settings } from '@/utils/settings';
import { h } from './dom';
import { KEYS, todayKey } from './keys';
import { renderBadge } from './view';

const NO_PREFS: BadgePrefs = { x: null, y: null, hiddenOn: null, expanded: false };
/** Pointer travel (px) that turns a press into a drag rather than a click. */
const DRAG_SLOP = 4;

interface Drag {
  dx: number;
  dy: number;
  sx: number;
  sy: number;
  moved: boolean;
}

interface Loaded {
  reply: BadgeReply;
  prefs: BadgePrefs;
  timeZone: string | null;
}

/** The figures, where the badge sits and the operation's zone: everything a draw needs. */
export async function loadBadge(): Promise<Loaded> {
  const [reply, stored] = await Promise.all([
    request('getBadge', {}),
    browser.storage.local.get([KEYS.prefs, KEYS.settings]),
  ]);
  return {
    reply,
    prefs: { ...NO_PREFS, ...(stored[KEYS.prefs] as BadgePrefs | undefined) },
    timeZone: (stored[KEYS.settings] as Settings | undefined)?.timeZone ?? null,
  };
}

/** Run the badge in `container` until the returned stop function is called. */
export function startBadge(
  ctx: ContentScriptContext,
  container: HTMLElement,
  first: Promise<Loaded> = loadBadge(),
): () => void {
  const locale = uiLocale();
  const root = h('div', { class: 'podio' });
  let reply: BadgeReply | null = null;
  let prefs = NO_PREFS;
  let timeZone: string | null = null;
  let drag: Drag | null = null;
  let dragged = false;

  /** Place the badge where the agent left it, kept on screen; details open towards the middle. */
  const place = () => {
    const placed = prefs.x !== null && prefs.y !== null;
    root.style.cssText = placed
      ? `left:${Math.max(0, Math.min(prefs.x!, innerWidth - 60))}px;top:${Math.max(0, Math.min(prefs.y!, innerHeight - 36))}px`
      : 'left:16px;bottom:16px';
    root.classList.toggle('up', !placed || prefs.y! > innerHeight / 2);
    root.classList.toggle('end', placed && prefs.x! > innerWidth / 2);
  };

  const draw = () => {
    const view = reply?.enabled ? reply.view : null;
    // Only a badge hidden on some day needs today's date (an Intl call worth skipping).
    if (!view || !reply || (prefs.hiddenOn !== null && prefs.hiddenOn === todayKey(timeZone))) {
      root.remove();
      return;
    }
    // Rebuilding replaces the focused control: give focus back to its successor.
    const focused = (container.getRootNode() as ShadowRoot).activeElement?.className;
    root.replaceChildren(
      ...renderBadge(
        {
          view,
          period: reply.period,
          stale: reply.stale,
          expanded: prefs.expanded,
          locale,
          pointsText: reply.pointsText,
        },
        actions,
      ),
    );
    place();
    if (!root.isConnected) container.append(root);
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
    onHide: () => save({ hiddenOn: todayKey(timeZone), expanded: false }),
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

  const load = async (pending: Promise<Loaded> = loadBadge()) => {
    try {
      const loaded = await pending;
      reply = loaded.reply;
      timeZone = loaded.timeZone;
      if (!drag) prefs = loaded.prefs;
      draw();
    } catch {
      // The background is updating or gone: keep what is shown; the next change retries.
    }
  };

  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (KEYS.stamp in changes || KEYS.period in changes || KEYS.settings in changes) {
      void load();
    } else if (KEYS.prefs in changes && !drag) {
      // Moved, shown again or hidden from another tab or the options page.
      prefs = { ...NO_PREFS, ...(changes[KEYS.prefs]!.newValue as BadgePrefs | undefined) };
      draw();
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  ctx.addEventListener(window, 'resize', place);
  void load(first);

  return () => {
    browser.storage.onChanged.removeListener(onChanged);
    root.remove();
  };
}
