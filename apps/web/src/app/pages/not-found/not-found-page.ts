import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'pb-not-found-page',
  imports: [RouterLink],
  template: `
    <div class="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. It may have moved, or the link may be
        mistyped.
      </p>
      <p><a routerLink="/servers">Go to servers</a></p>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
