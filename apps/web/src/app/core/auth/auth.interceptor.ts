// Sends the session cookie with API calls and turns an expired session (401) into a trip to
// sign-in. The session probe and the auth endpoints answer 401 as a normal outcome, so they
// are left to their callers.
import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService, ME_URL } from './auth.service';
import { SIGN_IN_PATH } from './return-url';

const API_PREFIX = '/api/';
const AUTH_PREFIX = '/api/auth/';

export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const path = pathOf(request.url);
  if (!path.startsWith(API_PREFIX)) {
    return next(request);
  }
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(request.clone({ withCredentials: true })).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !handlesOwn401(path)
      ) {
        auth.clearSession();
        const returnUrl = router.url;
        if (!returnUrl.startsWith(SIGN_IN_PATH)) {
          void router.navigate([SIGN_IN_PATH], { queryParams: { returnUrl } });
        }
      }
      return throwError(() => error);
    }),
  );
};

function handlesOwn401(path: string): boolean {
  return path === ME_URL || path.startsWith(AUTH_PREFIX);
}

/** Only same-origin, relative API URLs get the cookie; absolute URLs are someone else's. */
function pathOf(url: string): string {
  return url.split(/[?#]/)[0] ?? '';
}
