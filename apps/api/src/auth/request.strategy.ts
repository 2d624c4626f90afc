import { Strategy } from 'passport-strategy';
import type { Request } from 'express';

type Verify = (req: Request, done: (err: unknown, user?: unknown) => void) => void;

/**
 * A passport strategy that hands the whole request to `validate`: Plugboard reads the bearer
 * header or the session cookie itself and accepts both JWTs and personal API tokens.
 */
export class RequestStrategy extends Strategy {
  constructor(private readonly verifyRequest: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    this.verifyRequest(req, (err, user) => {
      if (err) return this.error(err instanceof Error ? err : new Error(String(err)));
      if (!user) return this.fail(401);
      return this.success(user);
    });
  }
}
