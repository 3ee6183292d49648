import { Routes } from '@angular/router';

/** The brand area, under `/app/brand`: one lazy chunk per screen. */
export const brandRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'campaigns' },
  {
    path: 'campaigns',
    title: 'Campaigns · Bouquet',
    loadComponent: () => import('./campaigns/campaigns-page').then((m) => m.CampaignsPage),
  },
  {
    path: 'campaigns/new',
    title: 'New campaign · Bouquet',
    loadComponent: () => import('./campaigns/campaign-editor-page').then((m) => m.CampaignEditorPage),
  },
  {
    path: 'campaigns/:campaignId/edit',
    title: 'Edit campaign · Bouquet',
    loadComponent: () => import('./campaigns/campaign-editor-page').then((m) => m.CampaignEditorPage),
  },
  {
    path: 'campaigns/:campaignId/drops/new',
    title: 'Schedule a drop · Bouquet',
    loadComponent: () => import('./drops/drop-scheduler-page').then((m) => m.DropSchedulerPage),
  },
  {
    path: 'campaigns/:campaignId/pools/new',
    title: 'New coupon pool · Bouquet',
    loadComponent: () => import('./coupons/coupon-pool-form-page').then((m) => m.CouponPoolFormPage),
  },
  {
    path: 'campaigns/:campaignId/pools/:poolId',
    title: 'Coupon pool · Bouquet',
    loadComponent: () => import('./coupons/coupon-pool-page').then((m) => m.CouponPoolPage),
  },
  {
    path: 'campaigns/:campaignId',
    title: 'Campaign · Bouquet',
    loadComponent: () => import('./campaigns/campaign-page').then((m) => m.CampaignPage),
  },
  {
    path: 'creators',
    title: 'Discover creators · Bouquet',
    loadComponent: () => import('./creators/creator-discovery-page').then((m) => m.CreatorDiscoveryPage),
  },
  {
    path: 'offers',
    title: 'Offers · Bouquet',
    loadComponent: () => import('./offers/brand-offers-page').then((m) => m.BrandOffersPage),
  },
  {
    path: 'offers/:offerId',
    title: 'Offer · Bouquet',
    data: { back: '/app/brand/offers' },
    loadComponent: () => import('../negotiation/offer-thread-page').then((m) => m.OfferThreadPage),
  },
];
