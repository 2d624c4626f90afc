import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { SIGN_IN_PATH } from './return-url';

/** Lets signed-in users through; everyone else goes to sign-in and comes back afterwards. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureSession();
  return me
    ? true
    : router.createUrlTree([SIGN_IN_PATH], {
        queryParams: { returnUrl: state.url },
      });
};
