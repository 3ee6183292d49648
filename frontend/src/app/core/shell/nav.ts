import type { IconName } from '../../shared-ui/icon';
import type { OrganizationKind } from '../graphql/generated';
import { agencyNav } from '../../agency/agency.nav';
import { brandNav } from '../../brand/brand.nav';
import { creatorNav } from '../../creator/creator.nav';

/** One link of the side navigation; `path` is relative to `/app`. */
export interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly icon: IconName;
}

/** A titled group of links in the side navigation. */
export interface NavSection {
  readonly heading: string;
  readonly links: readonly NavLink[];
}

/** Where `/app` lands for each kind of organization. */
export const AREA_OF_KIND: Readonly<Record<OrganizationKind, string>> = {
  BRAND: 'brand',
  CREATOR: 'creator',
  AGENCY: 'agency',
};

const AREA_NAV: Readonly<Record<OrganizationKind, readonly NavSection[]>> = {
  BRAND: brandNav,
  CREATOR: creatorNav,
  AGENCY: agencyNav,
};

/** Settings every organization has; agency access only for brands and agencies (creators have no grants). */
export function settingsNav(kind: OrganizationKind): NavSection {
  return {
    heading: 'Settings',
    links: [
      { path: 'settings/api-keys', label: 'API keys', icon: 'key' },
      ...(kind === 'CREATOR'
        ? []
        : [{ path: 'settings/agency-access', label: 'Agency access', icon: 'people' as const }]),
      { path: 'settings/audit-log', label: 'Audit log', icon: 'history' },
    ],
  };
}

/** The side navigation of an organization: its area's sections, then settings. */
export function navSections(kind: OrganizationKind): readonly NavSection[] {
  return [...AREA_NAV[kind].filter((section) => section.links.length > 0), settingsNav(kind)];
}
