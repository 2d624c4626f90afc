import { Route } from '@angular/router';
import { AuditLogPage } from './audit-log-page';

export default [
  { path: '', title: 'Audit log · Plugboard', component: AuditLogPage },
] satisfies Route[];
