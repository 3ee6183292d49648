import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../../shared-ui/empty-state';
import { MoneyPipe } from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip, StatusTone } from '../../shared-ui/status-chip';
import { injectCreatorContext } from '../creator-context';
import { boxOf, CreatorOffer, CreatorOffersStore, lastActivity, OfferBox } from './creator-offers-store';

const BOXES: readonly { value: OfferBox; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'reply', label: 'Needs your reply' },
  { value: 'waiting', label: 'Waiting on the brand' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'closed', label: 'Closed' },
];

const EMPTY_BOX: Record<OfferBox, string> = {
  all: '',
  reply: 'Nothing needs your reply right now.',
  waiting: 'No offer is waiting on a brand.',
  accepted: 'You have not accepted an offer yet.',
  closed: 'No declined, withdrawn or expired offers.',
};

const STATUS_LABEL: Record<ReturnType<typeof boxOf>, string> = {
  reply: 'Your move',
  waiting: 'Brand’s move',
  accepted: 'Accepted',
  closed: '',
};

/** The creator's offers inbox: what brands proposed, whose move it is, and which have unread updates. */
@Component({
  selector: 'app-creator-offers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CreatorOffersStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatProgressBar,
    Icon,
    MoneyPipe,
    PageHeader,
    LoadError,
    EmptyState,
    StatusChip,
  ],
  templateUrl: './creator-offers-page.html',
  styleUrls: ['../../shared-ui/page.scss', './creator-offers-page.scss'],
})
export class CreatorOffersPage {
  protected readonly store = inject(CreatorOffersStore);
  protected readonly context = injectCreatorContext();

  protected readonly boxes = BOXES;
  protected readonly box = signal<OfferBox>('all');
  protected readonly shown = computed(() => this.store.inBox(this.box()));
  protected readonly emptyBox = computed(() => EMPTY_BOX[this.box()]);
  protected readonly lastActivity = lastActivity;

  constructor() {
    effect(() => {
      const creatorId = this.context.creatorId();
      if (creatorId) untracked(() => void this.store.load(creatorId));
    });
  }

  protected choose(change: MatChipListboxChange): void {
    this.box.set((change.value as OfferBox | undefined) ?? 'all');
  }

  protected statusLabel(offer: CreatorOffer): string {
    const box = boxOf(offer);
    return box === 'closed'
      ? offer.status.charAt(0) + offer.status.slice(1).toLowerCase()
      : STATUS_LABEL[box];
  }

  /** Whose move it is matters most: the creator's own move stands out. */
  protected statusTone(offer: CreatorOffer): StatusTone | null {
    const box = boxOf(offer);
    return box === 'reply' ? 'active' : box === 'waiting' ? 'info' : null;
  }

  protected retry(): void {
    const creatorId = this.context.creatorId();
    if (creatorId) void this.store.load(creatorId);
    else this.context.retry();
  }
}
