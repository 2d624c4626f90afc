import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { alerts, flushMicrotasks, text } from '../../../testing/dom';
import { newBootstrapPayload, newProblem } from '../../../testing/factories';
import {
  BOOTSTRAP_URL,
  BootstrapService,
} from '../../core/bootstrap/bootstrap.service';
import { AcmeGreeterCard } from './acme-greeter-card';
import { ACME_GREETER_HELLO_URL } from './acme-greeter-api';
import { AcmeGreeterPage } from './acme-greeter-page';

describe('Acme Greeter components', () => {
  let http: HttpTestingController;

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

  describe('AcmeGreeterPage', () => {
    async function render(): Promise<{
      root: HTMLElement;
      settle: () => Promise<void>;
    }> {
      const fixture = TestBed.createComponent(AcmeGreeterPage);
      fixture.componentRef.setInput('context', { title: 'Greeter' });
      fixture.autoDetectChanges();
      await fixture.whenStable();
      return {
        root: fixture.nativeElement as HTMLElement,
        settle: async () => {
          await flushMicrotasks();
          await fixture.whenStable();
        },
      };
    }

    it('shows the greeting the plugin’s route answers', async () => {
      const { root, settle } = await render();
      expect(text(root)).toContain('Asking for a greeting…');
      http
        .expectOne(ACME_GREETER_HELLO_URL)
        .flush({ greeting: 'Hello, bob@example.com!', plugin: 'AcmeGreeterPlugin' });
      await settle();

      expect(root.querySelector('h1')?.textContent?.trim()).toBe('Greeter');
      expect(
        root.querySelector('[data-testid="acme-greeting"]')?.textContent?.trim(),
      ).toBe('Hello, bob@example.com!');
    });

    it('shows the problem’s detail when the route refuses', async () => {
      const { root, settle } = await render();
      http.expectOne(ACME_GREETER_HELLO_URL).flush(
        newProblem({
          status: 403,
          code: 'FORBIDDEN',
          detail: 'Requires the greeter role of AcmeGreeterPlugin',
        }),
        { status: 403, statusText: 'Forbidden' },
      );
      await settle();

      expect(alerts(root)).toEqual([
        'Requires the greeter role of AcmeGreeterPlugin',
      ]);
    });
  });

  describe('AcmeGreeterCard', () => {
    async function render(routes: string[]): Promise<HTMLElement> {
      const loaded = TestBed.inject(BootstrapService).ensureLoaded('user-1');
      http.expectOne(BOOTSTRAP_URL).flush(
        newBootstrapPayload({
          routes: routes.map((path) => ({
            plugin: 'AcmeGreeterPlugin',
            path,
            component: 'acme-greeter-page',
          })),
        }),
      );
      await loaded;
      const fixture = TestBed.createComponent(AcmeGreeterCard);
      fixture.autoDetectChanges();
      await fixture.whenStable();
      return fixture.nativeElement as HTMLElement;
    }

    it('links to the greeter page when the caller may open it', async () => {
      const root = await render(['ext/acme-greeter']);

      const link = root.querySelector('a') as HTMLAnchorElement;
      expect(link.textContent?.trim()).toBe('Open the greeter');
      expect(link.getAttribute('href')).toBe('/ext/acme-greeter');
    });

    it('says how to get the role otherwise', async () => {
      const root = await render([]);

      expect(root.querySelector('a')).toBeNull();
      expect(text(root)).toContain('Ask a platform admin to grant it to you.');
    });
  });
});
