import type { NavSection } from '../core/shell/nav';

/** The brand area's side navigation (paths relative to `/app`). */
export const brandNav: NavSection[] = [
  {
    heading: 'Brand',
    links: [
      { path: 'brand/campaigns', label: 'Campaigns', icon: 'campaign' },
      { path: 'brand/creators', label: 'Discover creators', icon: 'search' },
      { path: 'brand/offers', label: 'Offers', icon: 'forum' },
      { path: 'live', label: 'Live now', icon: 'live' },
    ],
  },
];
