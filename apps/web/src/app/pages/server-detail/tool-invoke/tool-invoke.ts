// The Invoke panel of one tool: JSON arguments in, the result and the plugin trace out.
import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type {
  InvokeResponse,
  ProblemDetails,
} from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { parseJsonObject } from '../../../core/forms/form-result';
import { hasCode, toProblem } from '../../../core/http/problem';
import { ServersApi } from '../../../core/servers/servers-api';

type InvokeState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; response: InvokeResponse; resultJson: string }
  | { status: 'failed'; problem: ProblemDetails; violation: boolean };

@Component({
  selector: 'pb-tool-invoke',
  imports: [ReactiveFormsModule, DecimalPipe],
  templateUrl: './tool-invoke.html',
  styleUrl: './tool-invoke.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToolInvoke {
  private readonly api = inject(ServersApi);

  readonly serverId = input.required<string>();
  readonly toolName = input.required<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    arguments: '{}',
  });
  protected readonly argumentsError = signal('');
  protected readonly state = signal<InvokeState>({ status: 'idle' });
  protected readonly running = computed(
    () => this.state().status === 'running',
  );
  protected readonly idPrefix = computed(() => `invoke-${this.toolName()}`);

  protected async invoke(): Promise<void> {
    if (this.running()) {
      return;
    }
    const parsed = parseJsonObject(this.form.controls.arguments.value);
    if (!parsed.ok) {
      this.argumentsError.set(parsed.message);
      return;
    }
    this.argumentsError.set('');
    this.state.set({ status: 'running' });
    try {
      const response = await firstValueFrom(
        this.api.invoke(this.serverId(), this.toolName(), {
          arguments: parsed.value,
        }),
      );
      this.state.set({
        status: 'done',
        response,
        resultJson: JSON.stringify(response.result ?? null, null, 2),
      });
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.state.set({
        status: 'failed',
        problem,
        violation: hasCode(problem, 'PLUGIN_VIOLATION'),
      });
    }
  }
}
