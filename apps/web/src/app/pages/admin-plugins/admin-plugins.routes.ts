import { Route } from '@angular/router';
import { AdminPluginsPage } from './admin-plugins-page';

export default [
  {
    path: '',
    title: 'Global plugins · Plugboard',
    component: AdminPluginsPage,
  },
] satisfies Route[];
