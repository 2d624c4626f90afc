import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { flushMicrotasks, text } from '../../../testing/dom';
import { newPage, newTeamSummary } from '../../../testing/factories';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { TeamsPage } from './teams-page';

describe('TeamsPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'teams', component: TeamsPage }],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the caller’s teams with a link to each one’s plugins', async () => {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/teams?page=2', TeamsPage);
    const root = harness.routeNativeElement as HTMLElement;

    const request = http.expectOne((r) => r.url === '/api/teams');
    expect(request.request.params.get('limit')).toBe('20');
    expect(request.request.params.get('offset')).toBe('20');
    request.flush(
      newPage(
        [
          newTeamSummary({ id: 't1', name: 'Engineering', myRole: 'owner' }),
          newTeamSummary({ id: 't2', name: 'Security', myRole: null }),
        ],
        { offset: 20, total: 22 },
      ),
    );
    await flushMicrotasks();
    await harness.fixture.whenStable();

    const rows = Array.from(root.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) =>
        text(cell as HTMLElement),
      ),
    );
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      ['Engineering', 'owner'],
      ['Security', 'platform admin'],
    ]);
    const link = root.querySelector('a[aria-label="Engineering plugins"]');
    expect(link?.getAttribute('href')).toBe('/teams/t1/plugins');
    expect(text(root)).toContain('Showing 21–22 of 22');
  });
});
