import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { safeReturnUrl } from '../../core/auth/return-url';
import {
  type FieldErrors,
  fieldErrorsOf,
  toProblem,
} from '../../core/http/problem';
import { validateSignIn } from './sign-in-form.util';

@Component({
  selector: 'pb-sign-in-page',
  imports: [ReactiveFormsModule],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly emailInput =
    viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput =
    viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  /** `?returnUrl=` of the page the guard sent us from. */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: '',
    password: '',
  });
  protected readonly errors = signal<FieldErrors>({});
  protected readonly problem = signal('');
  protected readonly submitting = signal(false);

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    this.problem.set('');
    const result = validateSignIn(this.form.getRawValue());
    if (!result.ok) {
      this.errors.set(result.errors);
      (result.errors['email']
        ? this.emailInput()
        : this.passwordInput()
      ).nativeElement.focus();
      return;
    }
    this.errors.set({});
    this.submitting.set(true);
    try {
      await this.auth.signIn(result.value);
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.errors.set(fieldErrorsOf(problem));
      this.problem.set(problem.detail);
      this.form.controls.password.reset();
      return;
    } finally {
      this.submitting.set(false);
    }
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }
}
