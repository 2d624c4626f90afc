import { Route } from '@angular/router';
import { MyPluginsPage } from './my-plugins-page';

export default [
  { path: '', title: 'My plugins · Plugboard', component: MyPluginsPage },
] satisfies Route[];
