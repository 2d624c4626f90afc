import { Route } from '@angular/router';
import { TeamPluginsPage } from './team-plugins-page';

export default [
  { path: '', title: 'Team plugins · Plugboard', component: TeamPluginsPage },
] satisfies Route[];
