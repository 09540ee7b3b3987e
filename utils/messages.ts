/**
 * The one message protocol between extension pages, the console badge and the background.
 * Requests get a reply; the background checks who asks before answering (utils/router.ts).
 */
import { browser } from 'wxt/browser';
import type { BadgeFace } from './badge-face';
import type { WolkvoxErrorKind } from './wolkvox/errors';

/** The outcome of a sync, as a page may know it. Never carries the token. */
export type SyncReply =
  | { ok: true; agentCount: number; at: number }
  | {
      ok: false;
      error: WolkvoxErrorKind | 'not-configured' | 'invalid-input';
      field?: string;
      /** Save and test failed and the settings already working were kept. */
      kept?: true;
      /** Save and test ended after "Forget everything": nothing of it was saved. */
      forgotten?: true;
    };

/**
 * What the console badge may know: the face it draws, and nothing more. The face's rows are
 * already filtered by the privacy setting; the view it is made from may not be yet.
 */
export interface BadgeReply {
  /** What the badge draws; null when it is off or has no figures. The same as its stored copy. */
  face: BadgeFace | null;
}

export interface RequestMap {
  /** Console badge (content script): the face it draws, when it has no stored one to use. */
  getBadge: { req: Record<string, never>; res: BadgeReply };
  /** Popup "refresh": a sync now, joining one already running. Extension pages only. */
  syncNow: { req: Record<string, never>; res: SyncReply };
  /** Options "Save and test": store server and (if given) token, then sync at once. Pages only. */
  saveConnection: { req: { server: string; token?: string }; res: SyncReply };
  /** Options "Forget everything": wipe token, settings and figures. Pages only. */
  forgetEverything: { req: Record<string, never>; res: { ok: true } };
}

export type RequestType = keyof RequestMap;
/**
 * A request's own fields, if it has any. Intersected as it is, `Record<string, never>` would make
 * `type` a `never`, and no request without fields could be written without a cast.
 */
type Fields<T extends RequestType> =
  RequestMap[T]['req'] extends Record<string, never> ? unknown : RequestMap[T]['req'];
export type Request<T extends RequestType = RequestType> = { type: T } & Fields<T>;
export type Reply<T extends RequestType> = RequestMap[T]['res'];

/** The requests a content script may make; everything else is refused when it comes from a tab. */
export const CONTENT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>(['getBadge']);

/** Send a typed request to the background and await its reply. */
export async function request<T extends RequestType>(
  type: T,
  body: RequestMap[T]['req'],
): Promise<Reply<T>> {
  return (await browser.runtime.sendMessage({ ...body, type })) as Reply<T>;
}
