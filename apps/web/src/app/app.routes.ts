import { Route } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';

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
    ],
  },
  {
    path: '**',
    loadChildren: () => import('./pages/not-found/not-found.routes'),
  },
];
