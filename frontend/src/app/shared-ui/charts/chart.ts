import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { NGX_ECHARTS_CONFIG, NgxEchartsDirective, type ThemeOption } from 'ngx-echarts';

/** Series colours, in order; readable on light and dark surfaces. */
export const SERIES_COLORS = ['#d81b60', '#7e57c2', '#26867a', '#e08a00', '#3f6fd8', '#8d6e63'] as const;

/** The surface colours a chart draws its text, axes and tooltips with, read from the Material theme. */
export interface ChartInk {
  text: string;
  muted: string;
  line: string;
  surface: string;
}

/** Resolves theme tokens (which may be `light-dark(...)`) to concrete colours through a probe element. */
export function readInk(host: HTMLElement): ChartInk {
  const probe = document.createElement('span');
  host.appendChild(probe);
  const read = (token: string, fallback: string) => {
    probe.style.color = `var(${token}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const ink = {
    text: read('--mat-sys-on-surface', '#1d1b1c'),
    muted: read('--mat-sys-on-surface-variant', '#5a5657'),
    line: read('--mat-sys-outline-variant', '#d4cfd0'),
    surface: read('--mat-sys-surface-container-high', '#efe9ea'),
  };
  probe.remove();
  return ink;
}

function themeFor(ink: ChartInk): ThemeOption {
  const axis = {
    axisLine: { lineStyle: { color: ink.line } },
    axisTick: { lineStyle: { color: ink.line } },
    axisLabel: { color: ink.muted },
    splitLine: { lineStyle: { color: ink.line, type: 'dashed' } },
    nameTextStyle: { color: ink.muted },
  };
  return {
    color: [...SERIES_COLORS],
    backgroundColor: 'transparent',
    textStyle: { color: ink.text, fontFamily: 'Inter, "Segoe UI", Roboto, Arial, sans-serif' },
    legend: { textStyle: { color: ink.text } },
    tooltip: {
      backgroundColor: ink.surface,
      borderColor: ink.line,
      textStyle: { color: ink.text },
    },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
  };
}

/**
 * An ECharts chart that follows the portal theme: `<app-chart [options]="option()" label="Spend by day" />`.
 * ECharts itself (only the modules in echarts-modules.ts) loads with the first chart, never in the initial
 * bundle. Put a text or table alternative for screen readers in the content: it becomes the figure's caption
 * (visually hidden unless `showCaption`). Without the ECharts provider (unit tests) only that content renders.
 */
@Component({
  selector: 'app-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgxEchartsDirective],
  template: `
    <figure>
      @if (enabled && theme(); as theme) {
        <div
          echarts
          class="canvas"
          role="img"
          [attr.aria-label]="label()"
          [style.height.px]="height()"
          [theme]="theme"
          [options]="resolved()"
          [autoResize]="true"
          (chartInit)="chartInit.emit($event)"
        ></div>
      } @else {
        <div class="canvas" [style.height.px]="height()"></div>
      }
      <figcaption [class.visually-hidden]="!showCaption()"><ng-content /></figcaption>
    </figure>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    figure {
      margin: 0;
    }
    .canvas {
      width: 100%;
    }
  `,
})
export class Chart {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly enabled = inject(NGX_ECHARTS_CONFIG, { optional: true }) !== null;

  readonly options = input.required<EChartsCoreOption>();
  /** What the chart shows, for screen readers ("Roses gifted per minute, last hour"). */
  readonly label = input.required<string>();
  readonly height = input(280);
  readonly showCaption = input(false);
  readonly chartInit = output<EChartsType>();

  protected readonly theme = signal<ThemeOption | null>(null);
  private readonly reducedMotion =
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  protected readonly resolved = computed<EChartsCoreOption>(() =>
    this.reducedMotion ? { ...this.options(), animation: false } : this.options(),
  );

  constructor() {
    afterNextRender(() => this.theme.set(themeFor(readInk(this.host.nativeElement))));
  }
}
