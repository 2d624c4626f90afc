import { Route } from '@angular/router';
import { SignInPage } from './sign-in-page';

export default [
  { path: '', title: 'Sign in · Plugboard', component: SignInPage },
] satisfies Route[];
