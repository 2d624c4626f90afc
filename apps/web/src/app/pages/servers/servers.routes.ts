import { Route } from '@angular/router';
import { ServersPage } from './servers-page';

export default [
  { path: '', title: 'Servers · Plugboard', component: ServersPage },
] satisfies Route[];
