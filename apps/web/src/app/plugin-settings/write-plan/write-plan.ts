// A dry-run plan: the level's own chain, then each server whose chain would change.
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { PlanLineKind, PlanView } from './plan-view.util';

const SYMBOL: Readonly<Record<PlanLineKind, string>> = {
  added: '+',
  removed: '−',
  changed: '~',
};

@Component({
  selector: 'pb-write-plan',
  templateUrl: './write-plan.html',
  styleUrl: './write-plan.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WritePlan {
  readonly plan = input.required<PlanView>();
  /** Names the level's own chain, e.g. "The team's template chain". */
  readonly templateLabel = input('This level’s chain');
  /** Prefix for heading ids, unique on the page. */
  readonly idPrefix = input.required<string>();

  protected readonly symbol = SYMBOL;
  protected readonly nothingChanges = computed(() => {
    const plan = this.plan();
    return (
      plan.template.length === 0 &&
      plan.servers.length === 0 &&
      !plan.templateDegradedAfter
    );
  });
}
