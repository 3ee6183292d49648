/** Finds one element in the whole document (dialogs and menus render in an overlay outside the fixture). */
export function find<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`Nothing matches ${selector}`);
  return element;
}

/** The first button (or link) whose text is exactly `text`. */
export function button(text: string, root: ParentNode = document): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button, a')].find(
    (element) => element.textContent?.replace(/\s+/g, ' ').trim() === text,
  );
  if (!found) throw new Error(`No button says "${text}"`);
  return found;
}

export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

export function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
