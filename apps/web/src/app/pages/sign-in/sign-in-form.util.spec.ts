import { validateSignIn } from './sign-in-form.util';

describe('validateSignIn', () => {
  it('trims the email but never the password', () => {
    expect(
      validateSignIn({ email: ' alice@example.com ', password: ' secret ' }),
    ).toEqual({
      ok: true,
      value: { email: 'alice@example.com', password: ' secret ' },
    });
  });

  it.each([
    ['', 'Enter your email address.'],
    ['alice', 'Enter an email address like name@example.com.'],
    ['alice @example.com', 'Enter an email address like name@example.com.'],
  ])('rejects the email %p', (email, message) => {
    expect(validateSignIn({ email, password: 'x' })).toEqual({
      ok: false,
      errors: { email: message },
    });
  });

  it('requires a password', () => {
    expect(
      validateSignIn({ email: 'alice@example.com', password: '' }),
    ).toEqual({ ok: false, errors: { password: 'Enter your password.' } });
  });
});
