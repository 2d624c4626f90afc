// The signed-in user. The session itself is an httpOnly cookie only the API can read, so
// the SPA learns who it is from GET /api/users/me and never stores the access token.
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type {
  LoginRequest,
  LoginResponse,
  Me,
} from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';

export const ME_URL = '/api/users/me';
export const LOGIN_URL = '/api/auth/login';
export const LOGOUT_URL = '/api/auth/logout';

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<Me | null>(null);
  private pending: Promise<Me | null> | null = null;

  readonly me = this.current.asReadonly();
  readonly signedIn = computed(() => this.current() !== null);
  /** Viewers may only read the catalog (SPEC §5); the API checks again. */
  readonly canCreateServers = computed(() => {
    const me = this.current();
    return me !== null && me.platformRole !== 'viewer';
  });

  /** The signed-in user, asking the API at most once at a time; null when signed out. */
  ensureSession(): Promise<Me | null> {
    const me = this.current();
    if (me) {
      return Promise.resolve(me);
    }
    this.pending ??= firstValueFrom(this.http.get<Me>(ME_URL))
      .then(
        (loaded) => {
          this.current.set(loaded);
          return loaded;
        },
        // 401 is the normal "signed out" answer; anything else also means we cannot go on.
        () => null,
      )
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  async signIn(credentials: LoginRequest): Promise<Me> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(LOGIN_URL, credentials),
    );
    this.current.set(response.user);
    return response.user;
  }

  /** Ends the session; the local state is cleared even when the API call fails. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(LOGOUT_URL, {}));
    } catch (error: unknown) {
      if (!(error instanceof HttpErrorResponse)) {
        throw error;
      }
    } finally {
      this.clearSession();
    }
  }

  clearSession(): void {
    this.current.set(null);
  }
}
