import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CursorPager } from './cursor-pager';

@Component({
  imports: [CursorPager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<pb-cursor-pager
    label="Pages of things"
    [page]="page()"
    [nextCursor]="cursor()"
    (previous)="events.push('previous')"
    (next)="events.push('next:' + $event)"
  />`,
})
class Host {
  readonly page = signal(1);
  readonly cursor = signal<string | null>('c2');
  readonly events: string[] = [];
}

describe('CursorPager', () => {
  function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const button = (name: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    return { fixture, el, host: fixture.componentInstance, button };
  }

  it('labels the navigation and shows the page number', () => {
    const { el } = render();
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Pages of things');
    expect(el.textContent).toContain('Page 1');
  });

  it('offers Next with the next cursor, and no Previous on the first page', () => {
    const { button, host } = render();
    expect(button('Previous page').disabled).toBe(true);
    button('Next page').click();
    expect(host.events).toEqual(['next:c2']);
  });

  it('disables Next on the last page (or while loading) and enables Previous after the first', () => {
    const { fixture, button, host } = render();
    host.page.set(3);
    host.cursor.set(null);
    fixture.detectChanges();
    expect(button('Next page').disabled).toBe(true);
    button('Previous page').click();
    expect(host.events).toEqual(['previous']);
  });
});
