import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { AuthApi } from './auth-api';
import { AuthSession, SignUpInput } from './auth.models';

const STORAGE_KEY = 'bouquet.session';

interface AuthState {
  session: AuthSession | null;
  pending: boolean;
}

/** The signed-in session. Kept for the browser tab (sessionStorage), so a reload keeps the user signed in. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly state = signal<AuthState>({ session: readStoredSession(), pending: false });
  /** The refresh under way, shared by every operation that found its token expired. */
  private refreshing: Promise<boolean> | null = null;

  readonly session = computed(() => this.state().session);
  readonly user = computed(() => this.state().session?.user ?? null);
  readonly accessToken = computed(() => this.state().session?.accessToken ?? null);
  readonly isAuthenticated = computed(() => this.state().session !== null);
  /** True while a log-in or sign-up request is under way. */
  readonly pending = computed(() => this.state().pending);

  /** Rejects with a GraphqlRequestError when the API refuses. */
  logIn(email: string, password: string): Promise<void> {
    return this.open(() => this.api.logIn(email, password));
  }

  signUp(input: SignUpInput): Promise<void> {
    return this.open(() => this.api.signUp(input));
  }

  /** Forgets the session at once, and asks the API to revoke its refresh token (best effort). */
  logOut(): void {
    const refreshToken = this.state().session?.refreshToken;
    this.store(null);
    if (refreshToken) this.api.logOut(refreshToken).catch(() => undefined);
  }

  /**
   * Renews the session with the refresh token (the API rotates it). Concurrent callers share one request,
   * so a burst of expired operations sends one refreshSession. Resolves false when the session is gone.
   */
  refresh(): Promise<boolean> {
    const refreshToken = this.state().session?.refreshToken;
    if (!refreshToken) return Promise.resolve(false);
    this.refreshing ??= this.api
      .refresh(refreshToken)
      .then((session) => {
        this.store(session);
        return true;
      })
      .catch(() => false)
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The session cannot be renewed: forget it and ask the user to log in again, then come back here. */
  expire(): void {
    if (!this.state().session) return;
    this.store(null);
    const returnUrl = this.router.url;
    void this.router.navigate(['/login'], {
      queryParams: returnUrl && returnUrl !== '/' && !returnUrl.startsWith('/login') ? { returnUrl } : {},
    });
  }

  private async open(request: () => Promise<AuthSession>): Promise<void> {
    this.state.update((state) => ({ ...state, pending: true }));
    try {
      this.store(await request());
    } finally {
      this.state.update((state) => ({ ...state, pending: false }));
    }
  }

  private store(session: AuthSession | null): void {
    this.state.update((state) => ({ ...state, session }));
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  }
}

function readStoredSession(): AuthSession | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as AuthSession | null;
    return stored?.accessToken && stored.user ? stored : null;
  } catch {
    return null;
  }
}
