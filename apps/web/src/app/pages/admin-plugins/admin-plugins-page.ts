// Global plugins (admin): the registry with Make mandatory / Make optional behind a dry-run
// confirm, sync from YAML, and the policy snapshots with restore.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type {
  ProblemDetails,
  PromotionImpact,
  RegistryEntryView,
  RegistryList,
  RestoreResult,
  SnapshotSummary,
} from '@plugboard/shared-contracts';
import {
  catchError,
  firstValueFrom,
  map,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { AdminApi, type PromotionOperation } from '../../core/admin/admin-api';
import { toProblem } from '../../core/http/problem';
import {
  availabilityOf,
  badgeOf,
  impactLines,
  operationFor,
  operationLabel,
  overridesOf,
  syncReportLines,
} from './registry-view.util';
import { PluginSlot } from '../../plugin-ui/plugin-slot/plugin-slot';
import { RegistryEdit } from './registry-edit/registry-edit';

type RegistryState =
  | { status: 'loading' }
  | { status: 'ready'; list: RegistryList }
  | { status: 'error'; problem: ProblemDetails };

type SnapshotsState =
  | { status: 'loading' }
  | { status: 'ready'; items: SnapshotSummary[] }
  | { status: 'error'; problem: ProblemDetails };

interface PendingChange {
  operation: PromotionOperation;
  impact: PromotionImpact;
}

interface PendingRestore {
  snapshot: SnapshotSummary;
  result: RestoreResult;
}

@Component({
  selector: 'pb-admin-plugins-page',
  imports: [RegistryEdit, PluginSlot],
  templateUrl: './admin-plugins-page.html',
  styleUrl: './admin-plugins-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPluginsPage {
  private readonly api = inject(AdminApi);
  private readonly reloads = new Subject<void>();

  protected readonly badgeOf = badgeOf;
  protected readonly operationFor = operationFor;
  protected readonly operationLabel = operationLabel;
  protected readonly availabilityOf = availabilityOf;
  protected readonly overridesOf = overridesOf;
  protected readonly impactLines = impactLines;

  protected readonly state = toSignal(
    this.reloads.pipe(
      startWith(undefined),
      switchMap(() =>
        this.api.registry().pipe(
          map((list): RegistryState => ({ status: 'ready', list })),
          catchError((error: unknown) =>
            of<RegistryState>({ status: 'error', problem: toProblem(error) }),
          ),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies RegistryState },
  );

  protected readonly snapshots = toSignal(
    this.reloads.pipe(
      startWith(undefined),
      switchMap(() =>
        this.api.snapshots(10).pipe(
          map(
            (page): SnapshotsState => ({ status: 'ready', items: page.items }),
          ),
          catchError((error: unknown) =>
            of<SnapshotsState>({ status: 'error', problem: toProblem(error) }),
          ),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies SnapshotsState },
  );

  protected readonly busy = signal(false);
  protected readonly pending = signal<PendingChange | null>(null);
  protected readonly pendingRestore = signal<PendingRestore | null>(null);
  protected readonly reason = signal('');
  protected readonly message = signal('');
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly syncLines = signal<string[] | null>(null);
  protected readonly editing = signal<RegistryEntryView | null>(null);
  /** A list of at most one, so opening another entry makes a fresh form. */
  protected readonly editingList = computed(() => {
    const entry = this.editing();
    return entry ? [entry] : [];
  });

  protected edit(entry: RegistryEntryView): void {
    this.pending.set(null);
    this.pendingRestore.set(null);
    this.editing.set(entry);
  }

  protected onSaved(entry: RegistryEntryView): void {
    this.editing.set(null);
    this.problem.set(null);
    this.message.set(`Saved ${entry.name}.`);
    this.reloads.next();
  }

  /** Asks the API what the change would do; the confirm panel shows the answer. */
  protected async preview(entry: RegistryEntryView): Promise<void> {
    const operation = operationFor(entry);
    await this.run(async () => {
      const impact = await firstValueFrom(
        this.api.changeMandatory(entry.name, operation, { dryRun: true }),
      );
      this.reason.set('');
      this.pendingRestore.set(null);
      this.editing.set(null);
      this.pending.set({ operation, impact });
    });
  }

  protected async confirm(): Promise<void> {
    const pending = this.pending();
    if (!pending) {
      return;
    }
    await this.run(async () => {
      const reason = this.reason().trim();
      const done = await firstValueFrom(
        this.api.changeMandatory(pending.impact.pluginName, pending.operation, {
          dryRun: false,
          ...(reason ? { reason } : {}),
        }),
      );
      this.pending.set(null);
      this.message.set(`Done: ${done.summary}`);
      this.reloads.next();
    });
  }

  protected cancel(): void {
    this.pending.set(null);
    this.pendingRestore.set(null);
  }

  protected async syncFromYaml(): Promise<void> {
    await this.run(async () => {
      const report = await firstValueFrom(this.api.sync({}));
      const lines = syncReportLines(report);
      this.syncLines.set(lines.length > 0 ? lines : ['Nothing changed.']);
      this.message.set(`Synced from ${report.file}.`);
      this.reloads.next();
    });
  }

  protected async previewRestore(snapshot: SnapshotSummary): Promise<void> {
    await this.run(async () => {
      const result = await firstValueFrom(
        this.api.restore(snapshot.id, { dryRun: true }),
      );
      this.reason.set('');
      this.pending.set(null);
      this.pendingRestore.set({ snapshot, result });
    });
  }

  protected async confirmRestore(): Promise<void> {
    const pending = this.pendingRestore();
    if (!pending) {
      return;
    }
    await this.run(async () => {
      const reason = this.reason().trim();
      const done = await firstValueFrom(
        this.api.restore(pending.snapshot.id, {
          dryRun: false,
          ...(reason ? { reason } : {}),
        }),
      );
      this.pendingRestore.set(null);
      this.message.set(`Restored: ${done.summary}`);
      this.reloads.next();
    });
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.message.set('');
    try {
      await work();
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
