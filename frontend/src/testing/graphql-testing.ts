import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ApolloLink } from '@apollo/client/link';
import { InMemoryCache } from '@apollo/client/cache';
import { TestBed } from '@angular/core/testing';
import { Apollo } from 'apollo-angular';
import { ApolloTestingController, type TestOperation } from 'apollo-angular/testing';
import type { Observable } from 'rxjs';
import { sessionLink, type SessionPort } from '../app/core/graphql/session-link';

/** Lets promises and Apollo's scheduling run (Apollo sends an operation a tick after it is asked for). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits for Apollo to send the operation, then returns it for the test to answer. */
export async function nextOperation(operationName: string): Promise<TestOperation> {
  await settle();
  return TestBed.inject(ApolloTestingController).expectOne(operationName);
}

/** The `authorization` header the session link put on an operation. */
export function authorizationOf(operation: TestOperation): string | undefined {
  return (operation.operation.getContext() as { headers?: Record<string, string> }).headers?.[
    'authorization'
  ];
}

/**
 * Puts the real session link in front of ApolloTestingModule's backend, so tests see what the app sends.
 * Call after configuring TestBed with ApolloTestingModule.
 */
export function useSessionLink(session: SessionPort): void {
  const backend = TestBed.inject(ApolloTestingController) as unknown as {
    handle(operation: ApolloLink.Operation): Observable<ApolloLink.Result>;
  };
  const apollo = TestBed.inject(Apollo);
  apollo.removeClient();
  apollo.create({
    link: ApolloLink.from([
      sessionLink(session),
      new ApolloLink((operation) => backend.handle(Object.assign(operation, { clientName: 'default' }))),
    ]),
    cache: new InMemoryCache(),
  });
}

export function graphqlError(code: string, message = code, extra: Record<string, unknown> = {}) {
  return { message, extensions: { code, ...extra } };
}

/** Material without animations, so dialogs and menus open and close at once in jsdom. */
export const noAnimations = { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } };
