// The shell: the top bar once someone is signed in, and the routed page below it.
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth/auth.service';
import { SIGN_IN_PATH } from './core/auth/return-url';
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

  protected readonly me = this.auth.me;

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigateByUrl(SIGN_IN_PATH);
  }
}
