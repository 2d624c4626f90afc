import { Route } from '@angular/router';
import { TeamsPage } from './teams-page';

export default [
  { path: '', title: 'Teams · Plugboard', component: TeamsPage },
] satisfies Route[];
