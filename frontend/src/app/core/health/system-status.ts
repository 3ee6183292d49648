import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';

/** The body of `GET /health/ready` (Nest Terminus): one entry per check, e.g. `database`, `redis`. */
interface HealthBody {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
}

interface StatusView {
  tone: 'checking' | 'ok' | 'degraded' | 'unknown';
  label: string;
  failing: readonly { name: string; status: string }[];
}

export const HEALTH_URL = '/health/ready';

/** A small card saying whether the platform is ready: 200 is operational, 503 lists the failing checks. */
@Component({
  selector: 'app-system-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCard, MatCardContent, MatButton],
  templateUrl: './system-status.html',
  styleUrl: './system-status.scss',
})
export class SystemStatus {
  private readonly health = httpResource<HealthBody>(() => HEALTH_URL);

  protected readonly view = computed<StatusView>(() => {
    if (this.health.isLoading()) return { tone: 'checking', label: 'Checking…', failing: [] };
    const error = this.health.error();
    const body = error ? healthBodyOf(error) : this.health.value();
    if (body?.status === 'ok') return { tone: 'ok', label: 'All systems operational', failing: [] };
    if (!body) return { tone: 'unknown', label: 'Status unavailable', failing: [] };
    const failing = Object.entries(body.error ?? {}).map(([name, check]) => ({ name, status: check.status }));
    return { tone: 'degraded', label: 'Degraded', failing };
  });

  protected refresh(): void {
    this.health.reload();
  }
}

/** A 503 still carries the Terminus body; anything else (network, 404, HTML) says nothing about the checks. */
function healthBodyOf(error: unknown): HealthBody | undefined {
  const body = error instanceof HttpErrorResponse ? error.error : undefined;
  return body && typeof body === 'object' && typeof body.status === 'string' ? body : undefined;
}
