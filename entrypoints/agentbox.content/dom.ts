/**
 * The badge's whole rendering layer: create elements with attributes, listeners and children.
 * Strings become text nodes (`append`), so an agent's name can never become markup. Preact would
 * do the same in 4 KiB more than the badge's whole budget allows.
 */
export type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | EventListener | null | undefined>;

/** Create an element: `on*` props become listeners, other truthy props attributes. */
export function h(tag: string, props: Props | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
  return el;
}
