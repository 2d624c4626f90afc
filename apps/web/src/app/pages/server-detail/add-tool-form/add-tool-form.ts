import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { Tool, ToolTargetType } from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import {
  type FieldErrors,
  fieldErrorsOf,
  toProblem,
} from '../../../core/http/problem';
import { ServersApi } from '../../../core/servers/servers-api';
import { buildCreateToolRequest } from './create-tool-request.util';

@Component({
  selector: 'pb-add-tool-form',
  imports: [ReactiveFormsModule],
  templateUrl: './add-tool-form.html',
  styleUrl: './add-tool-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddToolForm {
  private readonly api = inject(ServersApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly serverId = input.required<string>();
  readonly added = output<Tool>();

  protected readonly form = this.fb.group({
    name: '',
    description: '',
    resource: '',
    targetType: this.fb.control<ToolTargetType>('echo'),
    url: '',
    timeoutMs: this.fb.control<number | null>(null),
    inputSchema: '',
  });
  protected readonly targetType = toSignal(
    this.form.controls.targetType.valueChanges,
    {
      initialValue: this.form.controls.targetType.value,
    },
  );
  protected readonly errors = signal<FieldErrors>({});
  protected readonly problem = signal('');
  protected readonly submitting = signal(false);

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    this.problem.set('');
    const result = buildCreateToolRequest(this.form.getRawValue());
    this.errors.set(result.ok ? {} : result.errors);
    if (!result.ok) {
      return;
    }
    this.submitting.set(true);
    try {
      const tool = await firstValueFrom(
        this.api.addTool(this.serverId(), result.value),
      );
      this.form.reset();
      this.added.emit(tool);
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.errors.set(fieldErrorsOf(problem));
      this.problem.set(problem.detail);
    } finally {
      this.submitting.set(false);
    }
  }
}
