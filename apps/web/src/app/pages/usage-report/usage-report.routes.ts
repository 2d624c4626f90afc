import { Route } from '@angular/router';
import { UsageReportPage } from './usage-report-page';

export default [
  { path: '', title: 'Usage report · Plugboard', component: UsageReportPage },
] satisfies Route[];
