import { describe, expect, it } from 'vitest';
import { childAccountShare, IndicatorInputError } from './child-account-share.ts';

describe('childAccountShare: the federal child-account indicator from its three counts', () => {
  it('grades at the bounds 95, 90 and 80 % exactly', () => {
    expect(childAccountShare({ k10to14: 50, k14to18: 45, pupils: 100 })).toEqual({ share: 95, grade: 'отлично' });
    expect(childAccountShare({ k10to14: 50, k14to18: 44, pupils: 100 })).toEqual({ share: 94, grade: 'хорошо' });
    expect(childAccountShare({ k10to14: 90, k14to18: 0, pupils: 100 })).toEqual({ share: 90, grade: 'хорошо' });
    expect(childAccountShare({ k10to14: 0, k14to18: 89, pupils: 100 })).toEqual({ share: 89, grade: 'удовлетворительно' });
    expect(childAccountShare({ k10to14: 40, k14to18: 40, pupils: 100 })).toEqual({ share: 80, grade: 'удовлетворительно' });
    expect(childAccountShare({ k10to14: 40, k14to18: 39, pupils: 100 })).toEqual({ share: 79, grade: 'неудовлетворительно' });
    expect(childAccountShare({ k10to14: 10, k14to18: 10, pupils: 20 })).toEqual({ share: 100, grade: 'отлично' });
  });

  it('compares exactly, not after rounding: 94.96 % is «хорошо» though it shows as 95', () => {
    expect(childAccountShare({ k10to14: 9496, k14to18: 0, pupils: 10_000 })).toEqual({ share: 95, grade: 'хорошо' });
    expect(childAccountShare({ k10to14: 19, k14to18: 0, pupils: 20 })).toEqual({ share: 95, grade: 'отлично' });
  });

  it('gives the published Воронежская область figures of February 2026: 66 %', () => {
    expect(childAccountShare({ k10to14: 64_051, k14to18: 55_009, pupils: 181_036 })).toEqual({ share: 65.8, grade: 'неудовлетворительно' });
  });

  it('has no share without pupils', () => {
    expect(childAccountShare({ k10to14: 0, k14to18: 0, pupils: 0 })).toEqual({ share: null, grade: null });
  });

  it('refuses counts that cannot be, naming the count', () => {
    expect(() => childAccountShare({ k10to14: -1, k14to18: 0, pupils: 10 })).toThrow(
      new IndicatorInputError('k10to14: expected a non-negative integer, got -1'),
    );
    expect(() => childAccountShare({ k10to14: 1, k14to18: 2.5, pupils: 10 })).toThrow('k14to18: expected a non-negative integer, got 2.5');
    expect(() => childAccountShare({ k10to14: 1, k14to18: 2, pupils: Number.NaN })).toThrow('pupils: expected a non-negative integer, got null');
    expect(() => childAccountShare({ k10to14: 1, k14to18: 2, pupils: '10' as unknown as number })).toThrow('pupils: expected a non-negative integer, got "10"');
    expect(() => childAccountShare({ k10to14: 6, k14to18: 5, pupils: 10 })).toThrow('k10to14 + k14to18 (6 + 5 = 11) must not exceed pupils (10)');
  });
});
