import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { flushMicrotasks } from '../../../testing/dom';
import { newMe } from '../../../testing/factories';
import { ME_URL } from '../auth/auth.service';
import { adminGuard } from './admin.guard';

@Component({
  template: 'page',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class PageStub {}

describe('adminGuard', () => {
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: PageStub },
          {
            path: 'admin/plugins',
            component: PageStub,
            canActivate: [adminGuard],
          },
        ]),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lets a platform admin in', async () => {
    const navigation = router.navigateByUrl('/admin/plugins');
    await flushMicrotasks();
    http.expectOne(ME_URL).flush(newMe({ platformRole: 'admin' }));

    expect(await navigation).toBe(true);
    expect(router.url).toBe('/admin/plugins');
  });

  it('sends everyone else home', async () => {
    const navigation = router.navigateByUrl('/admin/plugins');
    await flushMicrotasks();
    http.expectOne(ME_URL).flush(newMe({ platformRole: 'user' }));
    await navigation;

    expect(router.url).toBe('/');
  });
});
