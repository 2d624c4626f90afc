import { Route } from '@angular/router';
import { ServerDetailPage } from './server-detail-page';

export default [
  { path: '', title: 'Server · Plugboard', component: ServerDetailPage },
] satisfies Route[];
