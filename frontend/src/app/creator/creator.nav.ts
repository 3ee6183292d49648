import type { NavSection } from '../core/shell/nav';

/** The creator area's side navigation (paths relative to `/app`). */
export const creatorNav: NavSection[] = [
  {
    heading: 'Creator',
    links: [
      { path: 'creator/offers', label: 'Offers', icon: 'inbox' },
      { path: 'creator/streams', label: 'My streams', icon: 'videocam' },
      { path: 'creator/drops', label: 'Drops', icon: 'gift' },
      { path: 'live', label: 'Live monitor', icon: 'live' },
      { path: 'creator/earnings', label: 'Earnings', icon: 'wallet' },
      { path: 'creator/profile', label: 'Profile', icon: 'person' },
    ],
  },
];
