import { inject } from '@angular/core';
import { type CanMatchFn, Router } from '@angular/router';
import type { OrganizationKind } from '../graphql/generated';
import { OrganizationStore } from '../organizations/organization-store';
import { AREA_OF_KIND } from './nav';

/**
 * Keeps each area (`/app/brand`, `/app/creator`, `/app/agency`) to organizations of its kind. A user who
 * opens another kind's area works in an organization of that kind when they have one (a link from an
 * e-mail, say), else lands in their own organization's area instead of screens that would only fail.
 * While the organizations cannot be loaded, or when the user has none, the shell says so: the guard lets
 * the route through.
 */
export function areaGuard(kind: OrganizationKind): CanMatchFn {
  return async () => {
    const organizations = inject(OrganizationStore);
    const router = inject(Router);
    await organizations.ensureLoaded();
    const current = organizations.current();
    if (!current || current.kind === kind) return true;
    const ofKind = organizations.organizations().find((org) => org.kind === kind);
    if (ofKind) {
      organizations.select(ofKind.id);
      return true;
    }
    return router.createUrlTree(['/app', AREA_OF_KIND[current.kind]]);
  };
}
