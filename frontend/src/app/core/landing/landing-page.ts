import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { RoseMark } from '../../shared-ui/rose-mark';
import { AuthStore } from '../auth/auth-store';
import { SystemStatus } from '../health/system-status';

const AUDIENCES = [
  {
    title: 'For brands',
    text: 'Write a campaign with a budget, invite creators and agree on terms. Fund rose drops in their streams and hand out coupon codes whose sales are traced back to each creator, stream and drop.',
  },
  {
    title: 'For creators',
    text: 'Accept the campaigns that suit your audience, then run sponsored drops live: your viewers claim roses and exclusive codes while you stream, and you see what each drop earned.',
  },
  {
    title: 'For agencies',
    text: 'Run campaigns for several brands from one place and compare their return on investment, down to the single stream.',
  },
] as const;

@Component({
  selector: 'app-landing-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButton, RoseMark, SystemStatus],
  templateUrl: './landing-page.html',
  styleUrl: './landing-page.scss',
})
export class LandingPage {
  protected readonly user = inject(AuthStore).user;
  protected readonly audiences = AUDIENCES;
}
