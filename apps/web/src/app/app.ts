// The shell: the top bar once someone is signed in, and the routed page below it.
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  untracked,
} from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth/auth.service';
import { SIGN_IN_PATH } from './core/auth/return-url';
import { BootstrapService } from './core/bootstrap/bootstrap.service';
import { TopBar } from './layout/top-bar/top-bar';

@Component({
  selector: 'pb-root',
  imports: [RouterOutlet, TopBar],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly bootstrap = inject(BootstrapService);

  protected readonly me = this.auth.me;
  protected readonly pluginMenu = this.bootstrap.menu;
  protected readonly pluginProblem = this.bootstrap.problem;

  constructor() {
    // The plugin UI follows the session: loaded for whoever signs in (or is signed in on reload).
    // Only the user is tracked: a failed load must not re-run this effect and retry in a loop.
    effect(() => {
      const me = this.auth.me();
      untracked(() => {
        if (me) {
          void this.bootstrap.ensureLoaded(me.id);
        } else {
          this.bootstrap.clear();
        }
      });
    });
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigateByUrl(SIGN_IN_PATH);
  }
}
