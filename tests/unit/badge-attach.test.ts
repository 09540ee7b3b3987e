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

describe('keepAttached: the badge stays in a console that re-renders itself', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    document.documentElement.replaceChildren(document.head, document.body);
    document.body.replaceChildren();
  });

  it('puts the host beside the body, at once', () => {
    const host = document.createElement('podio-badge');
    stop = keepAttached(host);
    expect(host.parentNode).toBe(document.documentElement);
    expect(document.body.contains(host)).toBe(false);
  });

  it('is untouched when the body is rewritten or replaced', async () => {
    const host = document.createElement('podio-badge');
    stop = keepAttached(host);
    rewrite(document.body, 're-rendered');
    document.documentElement.replaceChild(document.createElement('body'), document.body);
    await settle();
    expect(host.parentNode).toBe(document.documentElement);
  });

  it('appends it again when the page takes it out', async () => {
    const host = document.createElement('podio-badge');
    stop = keepAttached(host);
    document.documentElement.replaceChildren(document.head, document.body);
    await settle();
    expect(host.parentNode).toBe(document.documentElement);
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

  it('re-attaches again once the removals are old', async () => {
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
