// Small DOM helpers so component tests find things the way a user (or a screen reader) does.

/** The form control whose <label> text starts with `label`. */
export function controlByLabel<T extends HTMLElement = HTMLInputElement>(
  root: HTMLElement,
  label: string,
): T {
  const match = Array.from(root.querySelectorAll('label')).find((candidate) =>
    (candidate.textContent ?? '').trim().startsWith(label),
  );
  if (!match) {
    throw new Error(`No label "${label}"`);
  }
  const control = match.htmlFor
    ? root.querySelector(`[id="${match.htmlFor}"]`)
    : match.querySelector('input,select,textarea');
  if (!control) {
    throw new Error(`Label "${label}" is not associated with a control`);
  }
  return control as T;
}

export function buttonByName(
  root: HTMLElement,
  name: string,
): HTMLButtonElement {
  const button = queryButton(root, name);
  if (!button) {
    throw new Error(`No button "${name}"`);
  }
  return button;
}

export function queryButton(
  root: HTMLElement,
  name: string,
): HTMLButtonElement | undefined {
  return Array.from(root.querySelectorAll('button')).find(
    (candidate) =>
      (
        candidate.getAttribute('aria-label') ??
        candidate.textContent ??
        ''
      ).trim() === name,
  );
}

export function typeInto(
  control: HTMLInputElement | HTMLTextAreaElement,
  value: string,
): void {
  control.value = value;
  control.dispatchEvent(new Event('input'));
}

export function choose(control: HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('change'));
}

export function alerts(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll('[role="alert"]'))
    .map((element) => (element.textContent ?? '').trim())
    .filter((text) => text.length > 0);
}

export function text(root: HTMLElement): string {
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Lets promise continuations (async handlers awaiting HTTP) run before asserting. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
