import type { LoginRequest } from '@plugboard/shared-contracts';
import { type FormResult, invalid, valid } from '../../core/forms/form-result';

// Deliberately loose: the API is the judge of which addresses exist; this only catches typos.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export function validateSignIn(value: {
  email: string;
  password: string;
}): FormResult<LoginRequest> {
  const email = value.email.trim();
  const errors: Record<string, string> = {};
  if (!email) {
    errors['email'] = 'Enter your email address.';
  } else if (!EMAIL_SHAPE.test(email)) {
    errors['email'] = 'Enter an email address like name@example.com.';
  }
  if (!value.password) {
    errors['password'] = 'Enter your password.';
  }
  return Object.keys(errors).length > 0
    ? invalid(errors)
    : valid({ email, password: value.password });
}
