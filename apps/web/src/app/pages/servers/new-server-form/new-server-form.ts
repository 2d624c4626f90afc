import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  OnInit,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { ServerDetail, TeamRef } from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import {
  type FieldErrors,
  fieldErrorsOf,
  toProblem,
} from '../../../core/http/problem';
import { ServersApi } from '../../../core/servers/servers-api';
import { buildCreateServerRequest } from './create-server-request.util';

@Component({
  selector: 'pb-new-server-form',
  imports: [ReactiveFormsModule],
  templateUrl: './new-server-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewServerForm implements OnInit {
  private readonly api = inject(ServersApi);

  /** The teams the server may belong to (the caller's own). */
  readonly teams = input.required<readonly TeamRef[]>();
  readonly created = output<ServerDetail>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: '',
    description: '',
    teamId: '',
  });
  protected readonly errors = signal<FieldErrors>({});
  protected readonly problem = signal('');
  protected readonly submitting = signal(false);

  ngOnInit(): void {
    this.form.controls.teamId.setValue(this.teams()[0]?.id ?? '');
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    this.problem.set('');
    const result = buildCreateServerRequest(this.form.getRawValue());
    this.errors.set(result.ok ? {} : result.errors);
    if (!result.ok) {
      return;
    }
    this.submitting.set(true);
    try {
      const server = await firstValueFrom(this.api.create(result.value));
      this.form.reset({
        name: '',
        description: '',
        teamId: this.form.controls.teamId.value,
      });
      this.created.emit(server);
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.errors.set(fieldErrorsOf(problem));
      this.problem.set(problem.detail);
    } finally {
      this.submitting.set(false);
    }
  }
}
