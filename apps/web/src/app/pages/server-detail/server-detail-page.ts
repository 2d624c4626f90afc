import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  ProblemDetails,
  ServerDetail,
  Tool,
} from '@plugboard/shared-contracts';
import {
  catchError,
  firstValueFrom,
  map,
  merge,
  Observable,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { toProblem } from '../../core/http/problem';
import { ServersApi } from '../../core/servers/servers-api';
import { AddToolForm } from './add-tool-form/add-tool-form';
import { ToolInvoke } from './tool-invoke/tool-invoke';

type DetailState =
  | { status: 'loading' }
  | { status: 'ready'; server: ServerDetail }
  | { status: 'error'; problem: ProblemDetails };

@Component({
  selector: 'pb-server-detail-page',
  imports: [RouterLink, AddToolForm, ToolInvoke],
  templateUrl: './server-detail-page.html',
  styleUrl: './server-detail-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerDetailPage {
  private readonly api = inject(ServersApi);
  private readonly reloads = new Subject<void>();

  /** `:serverId` of the route. */
  readonly serverId = input.required<string>();

  /** A new id shows "Loading…"; a reload after a change keeps the page (and open results) in place. */
  protected readonly state = toSignal(
    toObservable(this.serverId).pipe(
      switchMap((serverId) =>
        merge(
          this.load(serverId).pipe(
            startWith<DetailState>({ status: 'loading' }),
          ),
          this.reloads.pipe(switchMap(() => this.load(serverId))),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies DetailState },
  );
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly deleting = signal(false);
  protected readonly problem = signal('');
  protected readonly status = signal('');

  protected toolAdded(tool: Tool): void {
    this.status.set(`Tool ${tool.name} added.`);
    this.reloads.next();
  }

  protected async deleteTool(toolName: string): Promise<void> {
    if (this.deleting()) {
      return;
    }
    this.problem.set('');
    this.status.set('');
    this.deleting.set(true);
    try {
      await firstValueFrom(this.api.deleteTool(this.serverId(), toolName), {
        defaultValue: undefined,
      });
      this.confirmingDelete.set(null);
      this.status.set(`Tool ${toolName} deleted.`);
      this.reloads.next();
    } catch (error: unknown) {
      this.problem.set(toProblem(error).detail);
    } finally {
      this.deleting.set(false);
    }
  }

  private load(serverId: string): Observable<DetailState> {
    return this.api.get(serverId).pipe(
      map((server): DetailState => ({ status: 'ready', server })),
      catchError((error: unknown) =>
        of<DetailState>({ status: 'error', problem: toProblem(error) }),
      ),
    );
  }
}
