/**
 * The background's message receiver. It trusts only what the browser stamps on the sender: the
 * extension id, and whether the message comes from an extension page or from a web page's content
 * script — which may only ask for its badge.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import {
  CONTENT_REQUESTS,
  type Reply,
  type Request,
  type RequestMap,
  type RequestType,
} from './messages';

export type Handlers = { [T in RequestType]: (req: Request<T>) => Promise<Reply<T>> };

/** Where a message may come from. */
export type SenderKind = 'extension-page' | 'content-script' | 'foreign';

/** Classify a sender from the fields the browser sets. */
export function senderKind(
  sender: Runtime.MessageSender,
  extensionId: string,
  extensionOrigin: string,
): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return 'extension-page';
  return sender.tab ? 'content-script' : 'foreign';
}

function isRequest(message: unknown): message is Request {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}

/** Decide whether to answer; returns the handler's promise, or undefined to stay silent. */
export function route(
  message: unknown,
  kind: SenderKind,
  handlers: Handlers,
): Promise<unknown> | undefined {
  if (kind === 'foreign' || !isRequest(message)) return undefined;
  const type = message.type as keyof RequestMap;
  if (!Object.hasOwn(handlers, type)) return Promise.resolve({ ok: false, error: 'refused' });
  if (kind === 'content-script' && !CONTENT_REQUESTS.has(type)) {
    return Promise.resolve({ ok: false, error: 'refused' });
  }
  const handler = handlers[type] as (req: Request) => Promise<unknown>;
  return handler(message);
}

/** Listen for requests. Call synchronously from the background's main. */
export function registerRouter(handlers: Handlers): void {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    route(message, senderKind(sender, browser.runtime.id, origin), handlers),
  );
}
