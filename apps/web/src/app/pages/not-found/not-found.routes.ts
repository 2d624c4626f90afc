import { Route } from '@angular/router';
import { NotFoundPage } from './not-found-page';

export default [
  { path: '', title: 'Not found · Plugboard', component: NotFoundPage },
] satisfies Route[];
