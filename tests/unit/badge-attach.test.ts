import { afterEach, describe, expect, it } from 'vitest';
import { keepAttached } from '../../entrypoints/agentbox.content/attach';

/** What `body.innerHTML = …` does to the body's children: all replaced at once. */
const rewrite = (body: HTMLElement, text: string) => {
  const main = document.createElement('main');
  main.textContent = text;
  body.replaceChildren(main);
};

/** MutationObserver callbacks run as microtasks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('keepAttached: the badge survives a console that re-renders its body', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    document.documentElement.replaceChildren(document.createElement('head'), document.body);
    document.body.replaceChildren();
  });

  it('puts the host in the body at once', () => {
    const host = document.createElement('podio-badge');
    stop = keepAttached(host);
    expect(host.parentNode).toBe(document.body);
  });

  it('appends it again after the body is emptied or rewritten', async () => {
    const host = document.createElement('podio-badge');
    stop = keepAttached(host);
    rewrite(document.body, 're-rendered');
    await settle();
    expect(host.parentNode).toBe(document.body);
    document.body.replaceChildren();
    await settle();
    expect(host.parentNode).toBe(document.body);
  });

  it('follows a body replaced by a new one, and keeps watching the new one', async () => {
    const host = document.createElement('podio-badge');
    stop = keepAttached(host);
    const next = document.createElement('body');
    document.documentElement.replaceChild(next, document.body);
    await settle();
    expect(host.parentNode).toBe(next);
    rewrite(next, 'again');
    await settle();
    expect(host.parentNode).toBe(next);
  });

  it('gives way to a page that keeps removing it, and stops when told', async () => {
    let t = 0;
    const host = document.createElement('podio-badge');
    stop = keepAttached(host, () => t);
    for (let i = 0; i < 5; i++) {
      host.remove();
      await settle();
      expect(host.isConnected).toBe(true);
    }
    host.remove();
    await settle();
    expect(host.isConnected).toBe(false);

    // Told to stop (the extension updated): a removed host stays out.
    t = 60_000;
    const other = document.createElement('podio-badge');
    const stopOther = keepAttached(other, () => t);
    stopOther();
    other.remove();
    await settle();
    expect(other.isConnected).toBe(false);
  });

  it('makes the next re-attachments possible again once the removals are old', async () => {
    let t = 0;
    const host = document.createElement('podio-badge');
    stop = keepAttached(host, () => t);
    for (let i = 0; i < 5; i++) {
      t += 1000;
      host.remove();
      await settle();
    }
    t += 10_001;
    host.remove();
    await settle();
    expect(host.isConnected).toBe(true);
  });
});
