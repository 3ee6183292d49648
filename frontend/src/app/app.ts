import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthStore } from './core/auth/auth-store';
import { RoseMark } from './shared-ui/rose-mark';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, MatToolbar, MatButton, RoseMark],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly user = this.auth.user;

  protected logOut(): void {
    this.auth.logOut();
    void this.router.navigateByUrl('/');
  }
}
