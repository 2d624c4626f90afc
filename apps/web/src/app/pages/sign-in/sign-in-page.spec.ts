import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  provideRouter,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  alerts,
  buttonByName,
  controlByLabel,
  flushMicrotasks,
  text,
  typeInto,
} from '../../../testing/dom';
import { newMe, newProblem } from '../../../testing/factories';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AuthService, LOGIN_URL } from '../../core/auth/auth.service';
import { SignInPage } from './sign-in-page';

@Component({
  template: 'landed',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Landing {}

describe('SignInPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let root: HTMLElement;

  async function open(url: string): Promise<void> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, SignInPage);
    root = harness.routeNativeElement as HTMLElement;
  }

  async function fillAndSubmit(email: string, password: string): Promise<void> {
    typeInto(controlByLabel(root, 'Email'), email);
    typeInto(controlByLabel(root, 'Password'), password);
    buttonByName(root, 'Sign in').click();
    await harness.fixture.whenStable();
  }

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await harness.fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'sign-in', component: SignInPage },
            { path: 'servers', component: Landing },
            { path: 'servers/:id', component: Landing },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('labels its fields', async () => {
    await open('/sign-in');

    expect(controlByLabel(root, 'Email').type).toBe('email');
    expect(controlByLabel(root, 'Password').type).toBe('password');
  });

  it('validates before sending anything', async () => {
    await open('/sign-in');

    await fillAndSubmit('not-an-email', '');

    http.expectNone(LOGIN_URL);
    const email = controlByLabel(root, 'Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(
      root.querySelector(`#${email.getAttribute('aria-describedby')}`)
        ?.textContent,
    ).toContain('email address like');
    expect(controlByLabel(root, 'Password').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(text(root)).toContain('Enter your password.');
    expect(document.activeElement).toBe(email);
  });

  it('signs in with the trimmed email and goes back to where the user came from', async () => {
    await open('/sign-in?returnUrl=%2Fservers%2Fabc');
    const me = newMe({ email: 'alice@example.com' });

    await fillAndSubmit('  alice@example.com ', 'plugboard-demo');
    const request = http.expectOne({ method: 'POST', url: LOGIN_URL });
    expect(request.request.body).toEqual({
      email: 'alice@example.com',
      password: 'plugboard-demo',
    });
    request.flush({ accessToken: 'token', expiresIn: 3600, user: me });
    await settle();

    expect(TestBed.inject(Router).url).toBe('/servers/abc');
    expect(TestBed.inject(AuthService).me()).toEqual(me);
  });

  it('ignores a return URL that leaves the app', async () => {
    await open('/sign-in?returnUrl=https%3A%2F%2Fevil.example');

    await fillAndSubmit('alice@example.com', 'plugboard-demo');
    http
      .expectOne(LOGIN_URL)
      .flush({ accessToken: 'token', expiresIn: 3600, user: newMe() });
    await settle();

    expect(TestBed.inject(Router).url).toBe('/servers');
  });

  it('shows the problem detail in the alert region on a wrong password', async () => {
    await open('/sign-in?returnUrl=%2Fservers');
    const problem = newProblem({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      detail: 'Invalid email or password.',
    });

    await fillAndSubmit('alice@example.com', 'wrong');
    http
      .expectOne(LOGIN_URL)
      .flush(problem, { status: 401, statusText: 'Unauthorized' });
    await settle();

    expect(alerts(root)).toEqual(['Invalid email or password.']);
    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2Fservers');
    expect(controlByLabel(root, 'Password').value).toBe('');
    expect(controlByLabel(root, 'Email').value).toBe('alice@example.com');
  });

  it('places server-side field errors on their fields', async () => {
    await open('/sign-in');

    await fillAndSubmit('alice@example.com', 'x');
    http.expectOne(LOGIN_URL).flush(
      newProblem({
        detail: 'Validation failed',
        errors: [{ pointer: '/email', message: 'email must be an email' }],
      }),
      {
        status: 400,
        statusText: 'Bad Request',
      },
    );
    await settle();

    expect(alerts(root)).toEqual(['Validation failed']);
    expect(controlByLabel(root, 'Email').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(text(root)).toContain('email must be an email');
  });

  it('sends one request however often the button is pressed', async () => {
    await open('/sign-in');

    typeInto(controlByLabel(root, 'Email'), 'alice@example.com');
    typeInto(controlByLabel(root, 'Password'), 'plugboard-demo');
    buttonByName(root, 'Sign in').click();
    buttonByName(root, 'Sign in').click();
    await harness.fixture.whenStable();

    expect(buttonByName(root, 'Sign in').disabled).toBe(true);
    http
      .expectOne(LOGIN_URL)
      .flush({ accessToken: 'token', expiresIn: 3600, user: newMe() });
    await settle();
  });
});
