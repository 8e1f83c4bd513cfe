import { describe, expect, it } from 'vitest';
import { Catalogue, LIBRARY_PROVIDERS } from '../index.ts';

describe('the ЦОК library’s providers', () => {
  const catalogue = new Catalogue();
  const byProvider = new Map<string, number>();
  for (let i = 0; i < catalogue.size; i++) {
    const provider = catalogue.item(i)?.provider ?? '';
    byProvider.set(provider, (byProvider.get(provider) ?? 0) + 1);
  }

  it('has exactly the nine providers, РЭШ and Минкультуры among them, each with items', () => {
    expect(LIBRARY_PROVIDERS).toHaveLength(9);
    expect([...byProvider.keys()].sort()).toEqual([...LIBRARY_PROVIDERS].sort());
    expect(Object.fromEntries(byProvider)).toEqual({
      'Академия Минпросвещения России': 12_096,
      'Российская электронная школа (РЭШ)': 8_043,
      'АО «Издательство «Просвещение»': 4_020,
      ЯКласс: 4_119,
      'Учи.ру': 4_078,
      Фоксфорд: 4_168,
      Skysmart: 4_065,
      'Яндекс Учебник': 4_116,
      'Минкультуры России': 311,
    });
  });

  it('gives every theatre piece to Минкультуры России, and it nothing else', () => {
    for (let i = 0; i < catalogue.size; i++) {
      const item = catalogue.item(i);
      if (item && (item.type === 'THEATRE' || item.provider === 'Минкультуры России'))
        expect([item.id, item.type, item.provider]).toEqual([item.id, 'THEATRE', 'Минкультуры России']);
    }
  });
});
