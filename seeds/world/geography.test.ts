import { describe, expect, it } from 'vitest';
import { GEOGRAPHY, geographyOf } from '../data/geography.ts';
import { REGIONS } from '../data/tables.ts';
import { createWorld } from '../index.ts';
import { FEDERAL_CITIES, passportOffice, passportSeries, registryOffice } from './addresses.ts';
import { buildRegionLayout, type RegionLayout } from './region-layout.ts';

const layouts: readonly RegionLayout[] = REGIONS.map((region, ordinal) => buildRegionLayout({ worldKey: 42, region, ordinal, pupilTarget: 40_000 }));

describe('geography of every region', () => {
  it('has a row, with its capital, for each of the 89 regions', () => {
    expect(GEOGRAPHY.size).toBe(89);
    expect(REGIONS.filter((region) => !GEOGRAPHY.has(region.code)).map((region) => region.code)).toEqual([]);
    for (const { capitalPostcodes, postcodes } of GEOGRAPHY.values()) {
      for (const prefix of capitalPostcodes) expect(postcodes).toContain(prefix.slice(0, 3));
    }
  });

  it("puts the regional capital's городской округ first in every region", () => {
    for (const layout of layouts) {
      const { code } = layout.region;
      const first = layout.municipalities[0];
      expect(first?.town, code).toBe(geographyOf(code).capital);
      expect(first?.urban, code).toBe(true);
      if (!FEDERAL_CITIES.has(code)) expect(first?.name, code).toBe(`городской округ город ${geographyOf(code).capital}`);
    }
  });

  it('names urban municipalities only after real towns of their own region, each once', () => {
    for (const layout of layouts) {
      const { capital, towns } = geographyOf(layout.region.code);
      const urban = layout.municipalities.filter((m) => m.urban).map((m) => m.town);
      for (const town of urban) expect([capital, ...towns], layout.region.code).toContain(town);
      if (!FEDERAL_CITIES.has(layout.region.code)) expect(new Set(urban).size).toBe(urban.length);
    }
  });

  it("gives every school a postcode and a telephone zone code of its own region, the capital's in the capital", () => {
    for (const layout of layouts) {
      const geography = geographyOf(layout.region.code);
      for (const school of layout.schools) {
        const inCapital = school.municipality.index === 0 && school.municipality.urban;
        const postcode = /^(\d{6}), /.exec(school.address)?.[1] ?? '';
        const prefixes = inCapital ? geography.capitalPostcodes : geography.postcodes;
        expect(
          prefixes.some((prefix) => postcode.startsWith(prefix)),
          `${school.id} ${school.address}`,
        ).toBe(true);
        const zone = /^\+7 \((\d{3})\) \d{3}-\d{2}-\d{2}$/.exec(school.phone)?.[1];
        expect(inCapital ? [geography.phoneCodes[0]] : geography.phoneCodes, `${school.id} ${school.phone}`).toContain(zone);
      }
    }
  });

  it('starts every passport series with the ОКАТО code of the region, not its number', () => {
    for (const region of REGIONS) expect(passportSeries(region, '2021-05-04')).toBe(`${region.okato.slice(0, 2)}21`);
    const byCode = new Map(REGIONS.map((region) => [region.code, region]));
    expect(['77', '50', '16', '86', '89', '83', '93'].map((code) => passportSeries(byCode.get(code) ?? REGIONS[0]!, '2019-01-01'))).toEqual([
      '4519',
      '4619',
      '9219',
      '7119',
      '7119',
      '1119',
      '2119',
    ]);
  });

  it('names registry offices and passport offices in the cases Russian needs', () => {
    const byCode = new Map(REGIONS.map((region) => [region.code, region]));
    const tambov = byCode.get('68') ?? REGIONS[0]!;
    expect(registryOffice(tambov, { urban: true, town: 'Тамбов', name: 'городской округ город Тамбов' })).toBe('Отдел ЗАГС администрации города Тамбова');
    expect(registryOffice(tambov, { urban: false, town: '', name: 'Александровский муниципальный район' })).toBe(
      'Отдел ЗАГС администрации Александровского муниципального района',
    );
    expect(registryOffice(tambov, { urban: false, town: '', name: 'Заречный муниципальный округ' })).toBe(
      'Отдел ЗАГС администрации Заречного муниципального округа',
    );
    expect(['68', '16', '17', '23', '29', '42', '77', '86', '21'].map((code) => passportOffice(byCode.get(code) ?? REGIONS[0]!))).toEqual([
      'УМВД России по Тамбовской области',
      'МВД по Республике Татарстан',
      'МВД по Республике Тыва',
      'УМВД России по Краснодарскому краю',
      'УМВД России по Архангельской области',
      'УМВД России по Кемеровской области — Кузбассу',
      'УМВД России по г. Москве',
      'УМВД России по Ханты-Мансийскому автономному округу — Югре',
      'МВД по Чувашской Республике — Чувашии',
    ]);
  });
});

function sample<T>(count: number, make: (i: number) => T | undefined): T[] {
  return Array.from({ length: count }, (_, i) => make(i)).filter((item): item is T => item !== undefined);
}

describe('the Tambov region (68) at full size', () => {
  const world = createWorld({ seed: 42, scale: 'region', region: '68' });
  const region = world.region('68');

  it('has the city of Tambov first and real towns of the region, with 392/393 postcodes and the 475 zone', () => {
    const urban = region.layout.municipalities.filter((m) => m.urban).map((m) => m.name);
    expect(urban).toEqual([
      'городской округ город Тамбов',
      'городской округ город Мичуринск',
      'городской округ город Моршанск',
      'городской округ город Котовск',
      'городской округ город Рассказово',
    ]);
    expect(new Set(region.layout.schools.map((s) => s.address.slice(0, 3)))).toEqual(new Set(['392', '393']));
    expect(new Set(region.layout.schools.map((s) => s.phone.slice(0, 8)))).toEqual(new Set(['+7 (475)']));
  });

  it("gives a parent who lives in another region a flat in that region's capital, with its postcode", () => {
    const elsewhere = sample(4000, (family) => region.parent('mother', family)).filter((m) => m.homeRegionCode !== '68');
    expect(elsewhere.length).toBeGreaterThan(50);
    for (const mother of elsewhere) {
      const { capital, capitalPostcodes } = geographyOf(mother.homeRegionCode);
      expect(
        capitalPostcodes.some((prefix) => mother.address.startsWith(prefix)),
        mother.address,
      ).toBe(true);
      if (!FEDERAL_CITIES.has(mother.homeRegionCode)) expect(mother.address).toContain(`, г. ${capital}, `);
    }
  });

  it('issues pupils birth certificates from a registry office in the genitive and passports with series 68', () => {
    for (let pupil = 0; pupil < region.layout.pupilCount; pupil += 997) {
      const person = region.pupil(pupil);
      const certificate = person.documents[0];
      expect(certificate?.issuedBy).toMatch(
        /^Отдел ЗАГС администрации (города [А-ЯЁ][а-яё-]+(?:а|я|и|ы|о)|[А-ЯЁ][а-яё]+ого муниципального (?:района|округа))$/,
      );
      for (const passport of person.documents.slice(1)) {
        expect(passport.series).toMatch(/^68\d{2}$/);
        expect(passport.issuedBy).toBe('УМВД России по Тамбовской области');
      }
    }
  });
});
