import type { NavSection } from '../core/shell/nav';

/** The agency area's side navigation (paths relative to `/app`). */
export const agencyNav: NavSection[] = [
  {
    heading: 'Agency',
    links: [
      { path: 'agency', label: 'Overview', icon: 'dashboard' },
      { path: 'live', label: 'Live monitor', icon: 'live' },
    ],
  },
];
