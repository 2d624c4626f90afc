// Previous / Next for lists paged by an opaque cursor (the audit log, the tool call log): the page
// number and the next page's cursor come from the caller, which keeps the cursors of the pages
// before this one.
import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';

@Component({
  selector: 'pb-cursor-pager',
  template: `<nav class="actions pager" [attr.aria-label]="label()">
    <button
      type="button"
      class="secondary"
      [disabled]="page() === 1"
      (click)="previous.emit()"
    >
      Previous page
    </button>
    <span class="muted">Page {{ page() }}</span>
    <button
      type="button"
      class="secondary"
      [disabled]="nextCursor() === null"
      (click)="goNext()"
    >
      Next page
    </button>
  </nav>`,
  styles: `
    .pager {
      margin-top: 1rem;
      flex-wrap: nowrap;
      justify-content: space-between;
      align-items: center;
    }
    .pager button {
      padding: 0.5rem 0.75rem;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CursorPager {
  /** What the pages are of, for screen readers, e.g. "Pages of tool calls". */
  readonly label = input('Pages');
  /** 1-based number of the page shown. */
  readonly page = input.required<number>();
  /** The cursor of the next page; null on the last page and while a page loads. */
  readonly nextCursor = input.required<string | null>();
  readonly previous = output<void>();
  readonly next = output<string>();

  protected goNext(): void {
    const cursor = this.nextCursor();
    if (cursor !== null) this.next.emit(cursor);
  }
}
