import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { flushMicrotasks } from '../../../testing/dom';
import { newMe, newProblem } from '../../../testing/factories';
import { authGuard } from './auth.guard';
import { authInterceptor } from './auth.interceptor';
import { AuthService, ME_URL } from './auth.service';

@Component({
  template: 'secret page',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SecretPage {}

@Component({
  template: 'sign-in page',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SignInStub {}

describe('authGuard', () => {
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: SignInStub },
          {
            path: 'servers/:id',
            component: SecretPage,
            canActivate: [authGuard],
          },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends a signed-out visitor to sign-in with the page to come back to', async () => {
    const navigation = router.navigateByUrl('/servers/abc?tab=tools');
    await flushMicrotasks();
    http
      .expectOne(ME_URL)
      .flush(newProblem({ status: 401, code: 'UNAUTHENTICATED' }), {
        status: 401,
        statusText: 'Unauthorized',
      });
    await navigation;

    expect(router.url).toBe(
      '/sign-in?returnUrl=%2Fservers%2Fabc%3Ftab%3Dtools',
    );
  });

  it('lets a signed-in user through after loading who they are', async () => {
    const me = newMe();
    const navigation = router.navigateByUrl('/servers/abc');
    await flushMicrotasks();
    http.expectOne(ME_URL).flush(me);

    await expect(navigation).resolves.toBe(true);
    expect(router.url).toBe('/servers/abc');
    expect(TestBed.inject(AuthService).me()).toEqual(me);
  });

  it('does not ask the API again once the user is known', async () => {
    const first = router.navigateByUrl('/servers/a');
    await flushMicrotasks();
    http.expectOne(ME_URL).flush(newMe());
    await first;

    await router.navigateByUrl('/servers/b');

    http.expectNone(ME_URL);
    expect(router.url).toBe('/servers/b');
  });
});
