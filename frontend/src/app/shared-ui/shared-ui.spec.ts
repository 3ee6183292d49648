import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { text } from '../../testing/dom';
import { BudgetBar, budgetShares } from './budget-bar';
import { applyServerErrorsAt } from './form-errors';
import { formatCount, formatMoneyValue, formatRoas, formatRoi } from './formats';
import { KpiCard } from './kpi-card';
import { StatusChip } from './status-chip';

const usd = (amount: string) => ({ amount, currency: 'USD' });

describe('shared formats', () => {
  it('says ROI as a signed percentage and ROAS as a multiple, with a dash before any spend', () => {
    expect(formatRoi(3.48)).toBe('+348%');
    expect(formatRoi(-0.2)).toBe('-20%');
    expect(formatRoi(0.054)).toBe('+5.4%');
    expect(formatRoi(null)).toBe('—');
    expect(formatRoas(4.4812)).toBe('4.48×');
    expect(formatRoas(null)).toBe('—');
  });

  it('keeps small numbers exact and shortens big ones', () => {
    expect(formatCount(9876)).toBe('9,876');
    expect(formatCount(48_200)).toBe('48.2K');
    expect(formatMoneyValue(usd('1250.5'))).toBe('$1,250.50');
    expect(formatMoneyValue(usd('23482.60'), 'compact')).toBe('$23.5K');
    expect(formatMoneyValue(usd('950.00'), 'compact')).toBe('$950.00');
  });
});

describe('budget bar', () => {
  it('splits a budget into spent, reserved and remaining, never past 100%', () => {
    expect(budgetShares(usd('1000'), usd('250'), usd('100'))).toEqual({
      spent: 25,
      reserved: 10,
      remaining: 65,
    });
    expect(budgetShares(usd('100'), usd('90'), usd('50'))).toEqual({ spent: 90, reserved: 10, remaining: 0 });
    expect(budgetShares(usd('0'), usd('0'), usd('0')).remaining).toBe(100);
  });

  it('tells screen readers the whole picture', async () => {
    @Component({
      imports: [BudgetBar],
      template: `<app-budget-bar [budget]="b" [spent]="s" [reserved]="r" />`,
    })
    class Host {
      b = usd('1000.00');
      s = usd('250.00');
      r = usd('100.00');
    }
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const bar = fixture.nativeElement.querySelector('[role="img"]') as HTMLElement;
    expect(bar.getAttribute('aria-label')).toBe(
      'Budget $1,000.00: $250.00 spent, $100.00 reserved, $650.00 remaining',
    );
    expect(text(fixture.nativeElement.querySelector('.legend'))).toContain('Remaining $650.00');
  });
});

describe('kpi card', () => {
  it('groups its value under its label for assistive tech, each card with its own label', async () => {
    @Component({
      imports: [KpiCard],
      template: `<app-kpi-card label="Spend" value="$1,200" /><app-kpi-card label="ROI" value="+40%" />`,
    })
    class Host {}
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const cards = [...fixture.nativeElement.querySelectorAll('app-kpi-card')] as HTMLElement[];
    const names = cards.map((card) => {
      expect(card.getAttribute('role')).toBe('group');
      return text(document.getElementById(card.getAttribute('aria-labelledby') ?? ''));
    });
    expect(names).toEqual(['Spend', 'ROI']);
    expect(text(cards[0].querySelector('.value'))).toBe('$1,200');
  });
});

describe('status chip', () => {
  it('reads the status in words and colours it by meaning', async () => {
    @Component({
      imports: [StatusChip],
      template: `<app-status-chip [status]="status()" />`,
    })
    class Host {
      status = signal('GIFT_MILESTONE');
    }
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const chip = fixture.nativeElement.querySelector('app-status-chip') as HTMLElement;
    expect(text(chip)).toBe('Gift milestone');
    fixture.componentInstance.status.set('DECLINED');
    await fixture.whenStable();
    expect(chip.className).toContain('tone-negative');
  });
});

describe('applyServerErrorsAt', () => {
  it('puts each API field error on the control its path maps to, longest path first', () => {
    const form = new FormGroup({
      terms: new FormGroup({ fee: new FormControl(''), endsAt: new FormControl('') }),
      note: new FormControl(''),
      currency: new FormControl(''),
    });
    const left = applyServerErrorsAt(
      form,
      {
        message: 'bad input',
        fields: [
          { field: 'input.terms.fee.amount', message: 'amount must be positive' },
          { field: 'input.budget.currency', message: 'must be USD' },
          { field: 'message', message: 'too long' },
        ],
      },
      {
        'input.terms.fee': 'terms.fee',
        'input.budget': 'missing',
        'input.budget.currency': 'currency',
        message: 'note',
      },
    );
    expect(form.get('terms.fee')?.errors).toEqual({ server: 'amount must be positive' });
    expect(form.get('currency')?.errors).toEqual({ server: 'must be USD' });
    expect(form.get('note')?.errors).toEqual({ server: 'too long' });
    expect(left).toBeNull();
  });

  it('returns the message when a field has no control', () => {
    const form = new FormGroup({ name: new FormControl('') });
    expect(
      applyServerErrorsAt(form, { message: 'Nope', fields: [{ field: 'input.brandId', message: 'x' }] }, {}),
    ).toBe('Nope');
  });
});
