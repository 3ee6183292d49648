import { inject, Injectable } from '@angular/core';
import type { SessionFieldsFragment, SignUpInput } from '../graphql/generated';
import { LogInDocument, LogOutDocument, RefreshSessionDocument, SignUpDocument } from './auth.generated';
import { Graphql } from '../graphql/graphql';

/** The identity mutations of the API, typed by graphql-codegen. Each rejects with a GraphqlRequestError. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly graphql = inject(Graphql);

  async logIn(email: string, password: string): Promise<SessionFieldsFragment> {
    return (await this.graphql.mutate(LogInDocument, { email, password })).logIn;
  }

  async signUp(input: SignUpInput): Promise<SessionFieldsFragment> {
    return (await this.graphql.mutate(SignUpDocument, { input })).signUp;
  }

  async refresh(refreshToken: string): Promise<SessionFieldsFragment> {
    return (await this.graphql.mutate(RefreshSessionDocument, { refreshToken })).refreshSession;
  }

  async logOut(refreshToken: string): Promise<void> {
    await this.graphql.mutate(LogOutDocument, { refreshToken });
  }
}
