import { inject, Injectable } from '@angular/core';
import { GraphqlClient } from '../graphql/graphql-client';
import { AuthSession, SignUpInput } from './auth.models';

const SESSION_FIELDS = 'accessToken refreshToken expiresAt user { id email displayName }';

export const LOG_IN = `mutation LogIn($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { ${SESSION_FIELDS} }
}`;

export const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { ${SESSION_FIELDS} }
}`;

const LOG_OUT = `mutation LogOut($refreshToken: String!) { logOut(refreshToken: $refreshToken) }`;

/** The identity mutations of the API. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly graphql = inject(GraphqlClient);

  async logIn(email: string, password: string): Promise<AuthSession> {
    const data = await this.graphql.request<{ logIn: AuthSession }>(LOG_IN, { email, password });
    return data.logIn;
  }

  async signUp(input: SignUpInput): Promise<AuthSession> {
    const data = await this.graphql.request<{ signUp: AuthSession }>(SIGN_UP, { input });
    return data.signUp;
  }

  async logOut(refreshToken: string): Promise<void> {
    await this.graphql.request<{ logOut: boolean }>(LOG_OUT, { refreshToken });
  }
}
