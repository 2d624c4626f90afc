import { Route } from '@angular/router';
import { adminGuard } from './core/admin/admin.guard';
import { authGuard } from './core/auth/auth.guard';
import {
  pluginRouteGuard,
  pluginRouteMatcher,
  pluginRouteTitle,
} from './core/bootstrap/plugin-route.guard';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    loadChildren: () => import('./pages/sign-in/sign-in.routes'),
  },
  {
    path: '',
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'servers' },
      {
        path: 'servers',
        loadChildren: () => import('./pages/servers/servers.routes'),
      },
      {
        path: 'servers/:serverId',
        loadChildren: () =>
          import('./pages/server-detail/server-detail.routes'),
      },
      {
        path: 'teams',
        loadChildren: () => import('./pages/teams/teams.routes'),
      },
      {
        path: 'teams/:teamId/plugins',
        loadChildren: () => import('./pages/team-plugins/team-plugins.routes'),
      },
      {
        path: 'me/plugins',
        loadChildren: () => import('./pages/my-plugins/my-plugins.routes'),
      },
      {
        path: 'playground',
        loadChildren: () => import('./pages/playground/playground.routes'),
      },
      {
        path: 'admin',
        canActivate: [adminGuard],
        children: [
          {
            path: 'plugins',
            loadChildren: () =>
              import('./pages/admin-plugins/admin-plugins.routes'),
          },
          {
            path: 'audit-log',
            loadChildren: () => import('./pages/audit-log/audit-log.routes'),
          },
          {
            path: 'usage',
            loadChildren: () =>
              import('./pages/usage-report/usage-report.routes'),
          },
        ],
      },
      // Plugin routes from GET /api/bootstrap: matched only while the payload lists the path.
      {
        matcher: pluginRouteMatcher,
        canMatch: [pluginRouteGuard],
        title: pluginRouteTitle,
        loadComponent: () =>
          import('./plugin-ui/plugin-route-page/plugin-route-page').then(
            (m) => m.PluginRoutePage,
          ),
      },
    ],
  },
  {
    path: '**',
    loadChildren: () => import('./pages/not-found/not-found.routes'),
  },
];
