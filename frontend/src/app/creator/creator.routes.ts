import { Routes } from '@angular/router';
import { CreatorContext } from './creator-context';

/** The creator area, under `/app/creator`. One lazy chunk per screen; the creator profile is loaded once. */
export const creatorRoutes: Routes = [
  {
    path: '',
    providers: [CreatorContext],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'offers' },
      {
        path: 'offers',
        title: 'Offers · Bouquet',
        loadComponent: () => import('./offers/creator-offers-page').then((m) => m.CreatorOffersPage),
      },
      {
        // The negotiation thread the brand side uses too (counter, accept, decline, messages).
        path: 'offers/:offerId',
        title: 'Offer · Bouquet',
        data: { back: '/app/creator/offers' },
        loadComponent: () => import('../negotiation/offer-thread-page').then((m) => m.OfferThreadPage),
      },
      {
        path: 'streams',
        title: 'My streams · Bouquet',
        loadComponent: () => import('./streams/creator-streams-page').then((m) => m.CreatorStreamsPage),
      },
      {
        path: 'drops',
        title: 'Drops in my streams · Bouquet',
        loadComponent: () => import('./drops/creator-drops-page').then((m) => m.CreatorDropsPage),
      },
      {
        path: 'earnings',
        title: 'Earnings · Bouquet',
        loadComponent: () => import('./earnings/creator-earnings-page').then((m) => m.CreatorEarningsPage),
      },
      {
        path: 'profile',
        title: 'Profile · Bouquet',
        loadComponent: () => import('./profile/creator-profile-page').then((m) => m.CreatorProfilePage),
      },
    ],
  },
];
