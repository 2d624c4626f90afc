import { Route } from '@angular/router';
import { PlaygroundPage } from './playground-page';

export default [
  { path: '', title: 'Test playground · Plugboard', component: PlaygroundPage },
] satisfies Route[];
