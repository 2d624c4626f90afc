import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { newMe, newProblem } from '../../../testing/factories';
import { AuthService, LOGIN_URL, LOGOUT_URL, ME_URL } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  describe('ensureSession', () => {
    it('asks the API who is signed in and remembers the answer', async () => {
      const me = newMe({ displayName: 'Alice' });

      const first = auth.ensureSession();
      http.expectOne({ method: 'GET', url: ME_URL }).flush(me);

      await expect(first).resolves.toEqual(me);
      expect(auth.me()).toEqual(me);
      expect(auth.signedIn()).toBe(true);
      await expect(auth.ensureSession()).resolves.toEqual(me);
      http.expectNone(ME_URL);
    });

    it('sends one request for concurrent callers', async () => {
      const me = newMe();

      const callers = [
        auth.ensureSession(),
        auth.ensureSession(),
        auth.ensureSession(),
      ];
      http.expectOne(ME_URL).flush(me);

      await expect(Promise.all(callers)).resolves.toEqual([me, me, me]);
    });

    it('answers null when signed out and asks again next time', async () => {
      const signedOut = auth.ensureSession();
      http
        .expectOne(ME_URL)
        .flush(newProblem({ status: 401, code: 'UNAUTHENTICATED' }), {
          status: 401,
          statusText: 'Unauthorized',
        });

      await expect(signedOut).resolves.toBeNull();
      expect(auth.me()).toBeNull();

      const retry = auth.ensureSession();
      const me = newMe();
      http.expectOne(ME_URL).flush(me);
      await expect(retry).resolves.toEqual(me);
    });

    it('answers null when the API is unreachable', async () => {
      const session = auth.ensureSession();
      http.expectOne(ME_URL).error(new ProgressEvent('error'));

      await expect(session).resolves.toBeNull();
    });
  });

  describe('signIn', () => {
    it('posts the credentials and keeps the returned user, not the token', async () => {
      const me = newMe();
      const setItem = jest.spyOn(Storage.prototype, 'setItem');

      const signedIn = auth.signIn({
        email: me.email,
        password: 'plugboard-demo',
      });
      const request = http.expectOne({ method: 'POST', url: LOGIN_URL });
      expect(request.request.body).toEqual({
        email: me.email,
        password: 'plugboard-demo',
      });
      request.flush({ accessToken: 'secret-token', expiresIn: 3600, user: me });

      await expect(signedIn).resolves.toEqual(me);
      expect(auth.me()).toEqual(me);
      expect(setItem).not.toHaveBeenCalled();
      setItem.mockRestore();
    });

    it('rejects with the HTTP error and stays signed out', async () => {
      const signedIn = auth.signIn({
        email: 'alice@example.com',
        password: 'wrong',
      });
      http.expectOne(LOGIN_URL).flush(
        newProblem({
          status: 401,
          code: 'INVALID_CREDENTIALS',
          detail: 'Invalid email or password.',
        }),
        {
          status: 401,
          statusText: 'Unauthorized',
        },
      );

      await expect(signedIn).rejects.toMatchObject({
        status: 401,
        error: { detail: 'Invalid email or password.' },
      });
      expect(auth.me()).toBeNull();
    });
  });

  describe('signOut', () => {
    async function signInAs(me = newMe()): Promise<void> {
      const signedIn = auth.signIn({ email: me.email, password: 'x' });
      http
        .expectOne(LOGIN_URL)
        .flush({ accessToken: 't', expiresIn: 1, user: me });
      await signedIn;
    }

    it('tells the API and forgets the user', async () => {
      await signInAs();

      const signedOut = auth.signOut();
      http
        .expectOne({ method: 'POST', url: LOGOUT_URL })
        .flush(null, { status: 204, statusText: 'No Content' });
      await signedOut;

      expect(auth.me()).toBeNull();
    });

    it('forgets the user even when the API call fails', async () => {
      await signInAs();

      const signedOut = auth.signOut();
      http.expectOne(LOGOUT_URL).flush(newProblem({ status: 401 }), {
        status: 401,
        statusText: 'Unauthorized',
      });
      await signedOut;

      expect(auth.me()).toBeNull();
    });
  });

  it('lets everyone but viewers create servers', async () => {
    expect(auth.canCreateServers()).toBe(false);

    const viewer = auth.ensureSession();
    http.expectOne(ME_URL).flush(newMe({ platformRole: 'viewer' }));
    await viewer;
    expect(auth.canCreateServers()).toBe(false);

    auth.clearSession();
    const user = auth.ensureSession();
    http.expectOne(ME_URL).flush(newMe({ platformRole: 'user' }));
    await user;
    expect(auth.canCreateServers()).toBe(true);
  });
});
