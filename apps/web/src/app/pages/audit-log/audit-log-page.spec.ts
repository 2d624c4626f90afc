import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import {
  alerts,
  buttonByName,
  choose,
  controlByLabel,
  flushMicrotasks,
  text,
  typeInto,
} from '../../../testing/dom';
import { newAuditEntry, newProblem } from '../../../testing/factories';
import { AuditLogPage } from './audit-log-page';

const URL = '/api/admin/plugins/audit-log';

describe('AuditLogPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<AuditLogPage>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  async function render(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(AuditLogPage);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('filters on the server and pages with the cursor', async () => {
    const root = await render();
    const first = http.expectOne((r) => r.url === URL);
    expect(first.request.params.keys()).toEqual(['limit']);
    first.flush({ items: [newAuditEntry()], nextCursor: null });
    await settle();

    typeInto(controlByLabel(root, 'Plugin'), ' PIIFilterPlugin ');
    choose(controlByLabel<HTMLSelectElement>(root, 'Level'), 'mandatory');
    typeInto(controlByLabel(root, 'From'), '2026-11-01');
    buttonByName(root, 'Apply filters').click();
    await settle();

    const filtered = http.expectOne((r) => r.url === URL);
    expect(filtered.request.params.get('plugin')).toBe('PIIFilterPlugin');
    expect(filtered.request.params.get('level')).toBe('mandatory');
    expect(filtered.request.params.get('from')).toBe('2026-11-01');
    expect(filtered.request.params.has('actor')).toBe(false);
    expect(filtered.request.params.has('cursor')).toBe(false);
    filtered.flush({
      items: [
        newAuditEntry({ action: 'plugin.promoted', reason: 'compliance' }),
      ],
      nextCursor: 'c2',
    });
    await settle();
    expect(text(root)).toContain('plugin.promoted');
    expect(text(root)).toContain('compliance');

    buttonByName(root, 'Next page').click();
    await settle();
    const second = http.expectOne((r) => r.url === URL);
    expect(second.request.params.get('cursor')).toBe('c2');
    expect(second.request.params.get('plugin')).toBe('PIIFilterPlugin');
    second.flush({ items: [newAuditEntry()], nextCursor: null });
    await settle();

    expect(text(root)).toContain('Page 2');
    expect(buttonByName(root, 'Next page').disabled).toBe(true);
    buttonByName(root, 'Previous page').click();
    await settle();
    const back = http.expectOne((r) => r.url === URL);
    expect(back.request.params.has('cursor')).toBe(false);
    back.flush({ items: [], nextCursor: null });
  });

  it('shows the problem’s detail', async () => {
    const root = await render();
    http
      .expectOne((r) => r.url === URL)
      .flush(newProblem({ status: 403, detail: 'Admins only' }), {
        status: 403,
        statusText: 'Forbidden',
      });
    await settle();

    expect(alerts(root)).toEqual(['Admins only']);
  });
});
