import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from '../auth/auth.service';

/** Lets platform admins through; everyone else lands on the home page (the API checks again). */
export const adminGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureSession();
  return me?.platformRole === 'admin' ? true : router.parseUrl('/');
};
