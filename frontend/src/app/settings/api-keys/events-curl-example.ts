import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { EventsExampleStreamDocument } from './events-curl-example.generated';
import { Graphql } from '../../core/graphql/graphql';
import { CopyButton } from '../../shared-ui/copy-button';

/** The stream an example request is filled in with. */
export interface ExampleStream {
  id: string;
  title: string;
  externalId: string | null;
  live: boolean;
}

/**
 * A request a creator's stream integration can start from: a viewer joining, then gifting five roses, in one
 * batch. `streamId` takes the stream's platform id when it has one (what an integration knows), else ours.
 */
export function eventsCurlExample(origin: string, now: Date, stream: ExampleStream | null = null): string {
  const at = now.getTime();
  const streamId = stream ? (stream.externalId ?? stream.id) : '<stream>';
  const body = {
    events: [
      {
        eventId: `join-${at}`,
        streamId,
        type: 'VIEWER_JOINED',
        occurredAt: now.toISOString(),
        viewerId: 'v-1',
      },
      {
        eventId: `gift-${at}`,
        streamId,
        type: 'GIFT',
        occurredAt: now.toISOString(),
        viewerId: 'v-1',
        gift: { name: 'rose', count: 5, coinValue: 1 },
      },
    ],
  };
  const json = JSON.stringify(body, null, 2)
    .split('\n')
    .map((line, i) => (i === 0 ? line : `    ${line}`))
    .join('\n');
  return [
    `curl -X POST ${origin}/v1/events \\`,
    `  -H "Authorization: Bearer <key>" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${json}'`,
  ].join('\n');
}

/** The copyable `POST /v1/events` example of the API keys page, filled in with the creator's live or next stream. */
@Component({
  selector: 'app-events-curl-example',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CopyButton],
  template: `
    <section class="panel example" aria-labelledby="curl-title">
      <div class="example-head">
        <div>
          <h2 id="curl-title">Send stream events</h2>
          <p>
            Replace <code>&lt;key&gt;</code> with a key that has the Stream events scope.
            @if (stream(); as stream) {
              The example is filled in with your {{ stream.live ? 'live' : 'next' }} stream, “{{
                stream.title
              }}”.
            } @else if (!loading()) {
              Replace <code>&lt;stream&gt;</code> with your stream's id, or
              <a routerLink="/app/creator/streams">schedule a stream</a> and come back for a ready-made
              example.
            }
          </p>
        </div>
        <app-copy-button [text]="curl()" label="Copy the curl example" />
      </div>
      <pre class="mono" tabindex="0" aria-label="Example request"><code>{{ curl() }}</code></pre>
      <p class="answer">
        Bouquet answers <code>202 {{ '{' }}"accepted": 2, "duplicates": 0{{ '}' }}</code
        >. Each <code>eventId</code> counts once: sending the same batch again changes nothing and answers
        <code>"duplicates": 2</code>.
      </p>
    </section>
  `,
  styles: `
    .example {
      margin-top: 24px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .example-head {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      justify-content: space-between;
      align-items: flex-start;
    }
    h2 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 0;
      max-width: 72ch;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    pre {
      margin: 12px 0;
      padding: 12px;
      overflow-x: auto;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .mono,
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.92em;
    }
  `,
})
export class EventsCurlExample {
  private readonly graphql = inject(Graphql);
  readonly organizationId = input.required<string>();

  protected readonly loading = signal(true);
  protected readonly stream = signal<ExampleStream | null>(null);
  /** Fixed when the page opens, so what is shown is what gets copied. */
  private readonly now = new Date();
  protected readonly curl = computed(() =>
    eventsCurlExample(window.location.origin, this.now, this.stream()),
  );

  constructor() {
    effect(() => {
      const organizationId = this.organizationId();
      untracked(() => void this.load(organizationId));
    });
  }

  private async load(organizationId: string): Promise<void> {
    this.loading.set(true);
    try {
      const { organization } = await this.graphql.query(EventsExampleStreamDocument, { organizationId });
      const live = organization.creator?.live.nodes[0];
      const next = organization.creator?.next.nodes[0];
      const chosen = live ?? next;
      this.stream.set(chosen ? { ...chosen, live: !!live } : null);
    } catch {
      // The example still works with the <stream> placeholder.
      this.stream.set(null);
    } finally {
      this.loading.set(false);
    }
  }
}
