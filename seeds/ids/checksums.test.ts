import { describe, expect, it } from 'vitest';
import { formatSnils, isValidInn, isValidKpp, isValidOgrn, isValidSnils, legalInn, ogrn, personalInn, snilsControl } from './checksums.ts';

describe('identifier checksums', () => {
  it('computes the SNILS control number of the published example and its edge cases', () => {
    expect(snilsControl('112233445')).toBe('95');
    expect(formatSnils(112233445)).toBe('112-233-445 95');
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('112-233-445 96')).toBe(false);
    expect(isValidSnils('001-001-998 00')).toBe(false);
  });

  it('accepts real school ОГРН/ИНН pairs from the licence registry', () => {
    for (const [o, i] of [
      ['1026901606610', '6907006968'],
      ['1025700696383', '5720010403'],
      ['1026600707000', '6605006658'],
    ] as const) {
      expect(isValidOgrn(o)).toBe(true);
      expect(isValidInn(i)).toBe(true);
      expect(ogrn(o.slice(0, 12))).toBe(o);
      expect(legalInn(i.slice(0, 9))).toBe(i);
    }
  });

  it('builds 12-digit personal ИНН with both check digits', () => {
    const inn = personalInn('3677718749');
    expect(inn).toBe('367771874916');
    expect(isValidInn(inn)).toBe(true);
    expect(isValidInn('367771874917')).toBe(false);
  });

  it('checks КПП shape for head offices and branches', () => {
    expect(isValidKpp('362301001')).toBe(true);
    expect(isValidKpp('362343005')).toBe(true);
    expect(isValidKpp('36230100')).toBe(false);
  });
});
