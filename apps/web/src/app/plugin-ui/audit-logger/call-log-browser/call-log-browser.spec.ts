import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  alerts,
  buttonByName,
  choose,
  controlByLabel,
  flushMicrotasks,
  queryButton,
  text,
  typeInto,
} from '../../../../testing/dom';
import {
  newCallLogItem,
  newProblem,
  newServerSummary,
} from '../../../../testing/factories';
import { CALL_LOG_URL } from '../call-log-api';
import { AuditLoggerServerCalls } from '../audit-logger-server-calls';
import { CallLogBrowser } from './call-log-browser';

const SERVERS_URL = '/api/servers';

describe('CallLogBrowser', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<unknown>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  async function renderAll(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(CallLogBrowser);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === SERVERS_URL)
      .flush({
        items: [
          newServerSummary({ id: 'srv-a', name: 'alpha' }),
          newServerSummary({ id: 'srv-b', name: 'beta' }),
        ],
        total: 2,
        limit: 200,
        offset: 0,
      });
    return fixture.nativeElement as HTMLElement;
  }

  it('filters on the server and pages with the cursor', async () => {
    const root = await renderAll();
    const first = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(first.request.params.keys()).toEqual(['limit']);
    expect(first.request.params.get('limit')).toBe('50');
    first.flush({ items: [newCallLogItem()], nextCursor: null });
    await settle();

    choose(controlByLabel<HTMLSelectElement>(root, 'Server'), 'srv-b');
    typeInto(controlByLabel(root, 'Tool'), ' search ');
    choose(controlByLabel<HTMLSelectElement>(root, 'Outcome'), 'blocked');
    buttonByName(root, 'Apply filters').click();
    await settle();

    const filtered = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(filtered.request.params.get('serverId')).toBe('srv-b');
    expect(filtered.request.params.get('tool')).toBe('search');
    expect(filtered.request.params.get('outcome')).toBe('blocked');
    expect(filtered.request.params.has('cursor')).toBe(false);
    filtered.flush({
      items: [
        newCallLogItem({
          serverName: 'beta',
          toolName: 'search',
          outcome: 'blocked',
          userEmail: 'ada@example.com',
          pluginViolation: 'PII_DETECTED',
          durationMs: 1.5,
        }),
      ],
      nextCursor: 'c2',
    });
    await settle();
    const table = root.querySelector('table') as HTMLElement;
    expect(text(table)).toContain('beta');
    expect(text(table)).toContain('ada@example.com');
    expect(text(table)).toContain('PII_DETECTED');
    expect(text(table)).toContain('1.5 ms');
    expect(text(table)).toContain('Not recorded');

    buttonByName(root, 'Next page').click();
    await settle();
    const second = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(second.request.params.get('cursor')).toBe('c2');
    expect(second.request.params.get('serverId')).toBe('srv-b');
    second.flush({ items: [newCallLogItem()], nextCursor: null });
    await settle();
    expect(text(root)).toContain('Page 2');
    expect(buttonByName(root, 'Next page').disabled).toBe(true);

    buttonByName(root, 'Previous page').click();
    await settle();
    const back = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(back.request.params.has('cursor')).toBe(false);
    back.flush({ items: [], nextCursor: null });
    await settle();
    expect(text(root)).toContain('No tool calls match.');
  });

  it('narrows to one server from a row, and shows recorded payloads', async () => {
    const root = await renderAll();
    http.expectOne((r) => r.url === CALL_LOG_URL).flush({
      items: [
        newCallLogItem({
          serverId: 'srv-a',
          serverName: 'alpha',
          arguments: { q: 'runbook' },
          result: { hits: 2 },
        }),
      ],
      nextCursor: null,
    });
    await settle();
    expect(text(root)).toContain('"q": "runbook"');

    buttonByName(root, 'Only calls of alpha').click();
    await settle();
    const narrowed = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(narrowed.request.params.get('serverId')).toBe('srv-a');
    narrowed.flush({ items: [], nextCursor: null });
    await settle();
    expect(controlByLabel<HTMLSelectElement>(root, 'Server').value).toBe(
      'srv-a',
    );
  });

  it('shows the problem’s detail', async () => {
    const root = await renderAll();
    http.expectOne((r) => r.url === CALL_LOG_URL).flush(
      newProblem({
        status: 403,
        code: 'FORBIDDEN',
        detail: 'AuditLoggerPlugin role auditor required',
      }),
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();

    expect(alerts(root)).toEqual(['AuditLoggerPlugin role auditor required']);
  });

  it('on a server’s tab lists that server’s calls only, without a server filter', async () => {
    const tab = TestBed.createComponent(AuditLoggerServerCalls);
    fixture = tab;
    tab.componentRef.setInput('context', { serverId: 'srv-9', title: 'Calls' });
    tab.autoDetectChanges();
    await tab.whenStable();
    const root = tab.nativeElement as HTMLElement;

    const request = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(request.request.params.get('serverId')).toBe('srv-9');
    request.flush({ items: [newCallLogItem({ serverId: 'srv-9' })], nextCursor: null });
    await settle();
    http.expectNone((r) => r.url === SERVERS_URL);
    expect(() => controlByLabel(root, 'Server')).toThrow();
    expect(queryButton(root, 'Only calls of server_1')).toBeUndefined();

    choose(controlByLabel<HTMLSelectElement>(root, 'Outcome'), 'error');
    buttonByName(root, 'Apply filters').click();
    await settle();
    const filtered = http.expectOne((r) => r.url === CALL_LOG_URL);
    expect(filtered.request.params.get('serverId')).toBe('srv-9');
    expect(filtered.request.params.get('outcome')).toBe('error');
    filtered.flush({ items: [], nextCursor: null });
  });
});
