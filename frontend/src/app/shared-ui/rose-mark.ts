import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The Bouquet mark: one rose, the platform's 1-coin gift. Decorative; label the link or button around it. */
@Component({
  selector: 'app-rose-mark',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true' },
  template: `
    <svg viewBox="0 0 32 32" [attr.width]="size()" [attr.height]="size()" focusable="false">
      <path class="stem" d="M16 20V30" />
      <path class="leaf" d="M16 25.5C13 22 9.5 22.2 7.2 23.8 9.8 26.6 13.4 27 16 25.5Z" />
      <path class="leaf light" d="M16 23.2C18 20.6 21.4 20.4 23.2 21.8 21.2 24 18.2 24.3 16 23.2Z" />
      <path
        class="back"
        d="M8.5 10C8 6.5 11.5 3.6 16 4.2 20.5 3.6 24 6.5 23.5 10 23.2 12 21.5 13 16 13 10.5 13 8.8 12 8.5 10Z"
      />
      <path
        class="cup"
        d="M7 9.5C9 12.6 12.4 13.4 16 12.4 19.6 13.4 23 12.6 25 9.5 25.6 16 21.6 20.5 16 20.5 10.4 20.5 6.4 16 7 9.5Z"
      />
      <path
        class="swirl"
        d="M12.6 9.6C12.2 7.4 14.2 5.8 16.4 6.2 18.6 6.6 19.2 9.2 17.4 10.2 16 11 14.6 10 15.2 8.8"
      />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
    .stem,
    .swirl {
      fill: none;
      stroke-linecap: round;
    }
    .stem {
      stroke: #3f7d4e;
      stroke-width: 2.2;
    }
    .leaf {
      fill: #3f7d4e;
    }
    .leaf.light {
      fill: #4f9a61;
    }
    .back {
      fill: #8e0038;
    }
    .cup {
      fill: #d81b60;
    }
    .swirl {
      stroke: #ffb1c8;
      stroke-width: 1.3;
    }
  `,
})
export class RoseMark {
  readonly size = input(32);
}
