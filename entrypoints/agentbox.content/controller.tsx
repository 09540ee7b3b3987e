import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { uiLocale } from '@/utils/i18n';
import { request, type BadgeReply } from '@/utils/messages';
import type { BadgePrefs, Settings } from '@/utils/settings';
import { Badge } from './Badge';
import { KEYS, todayKey } from './keys';

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

/** Run the badge in `container` until the returned stop function is called. */
export function startBadge(ctx: ContentScriptContext, container: HTMLElement): () => void {
  const locale = uiLocale();
  let reply: BadgeReply | null = null;
  let prefs = NO_PREFS;
  let timeZone: string | null = null;
  let drag: Drag | null = null;
  let dragged = false;

  const draw = () => {
    const view = reply?.enabled ? reply.view : null;
    render(
      view && reply && prefs.hiddenOn !== todayKey(timeZone) ? (
        <Badge
          view={view}
          period={reply.period}
          stale={reply.stale}
          expanded={prefs.expanded}
          x={prefs.x}
          y={prefs.y}
          locale={locale}
          onToggle={() => {
            if (dragged) dragged = false;
            else save({ expanded: !prefs.expanded });
          }}
          onHide={() => save({ hiddenOn: todayKey(timeZone), expanded: false })}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            dragged = false;
            const box = e.currentTarget.getBoundingClientRect();
            drag = {
              dx: e.clientX - box.left,
              dy: e.clientY - box.top,
              sx: e.clientX,
              sy: e.clientY,
              moved: false,
            };
            e.currentTarget.setPointerCapture(e.pointerId);
          }}
          onPointerMove={(e) => {
            if (!drag) return;
            if (!drag.moved && Math.hypot(e.clientX - drag.sx, e.clientY - drag.sy) < DRAG_SLOP)
              return;
            drag.moved = true;
            prefs = { ...prefs, x: e.clientX - drag.dx, y: e.clientY - drag.dy };
            draw();
          }}
          onPointerUp={() => {
            // A drag ends in a click on the pill: that click must not toggle the details.
            dragged = drag?.moved ?? false;
            drag = null;
            if (dragged) save({});
          }}
        />
      ) : null,
      container,
    );
  };

  const save = (patch: Partial<BadgePrefs>) => {
    prefs = { ...prefs, ...patch };
    draw();
    void browser.storage.local.set({ [KEYS.prefs]: prefs });
  };

  const load = async () => {
    try {
      const [answer, stored] = await Promise.all([
        request('getBadge', {}),
        browser.storage.local.get([KEYS.prefs, KEYS.settings]),
      ]);
      reply = answer;
      timeZone = (stored[KEYS.settings] as Settings | undefined)?.timeZone ?? null;
      if (!drag) prefs = { ...NO_PREFS, ...(stored[KEYS.prefs] as BadgePrefs | undefined) };
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
  ctx.addEventListener(window, 'resize', draw);
  void load();

  return () => {
    browser.storage.onChanged.removeListener(onChanged);
    render(null, container);
  };
}
