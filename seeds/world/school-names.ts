/** Believable school names: legal form + type + number or village + honorific (docs/world-realism.md «Schools and places»). */
import type { Stream } from '../random/stream.ts';
import { HONORIFICS, SPB_DISTRICTS } from './places.ts';

export type SchoolKind = 'rural' | 'town' | 'city' | 'capital';
export type SchoolType = 'НОШ' | 'ООШ' | 'СОШ' | 'СОШ с УИОП' | 'Лицей' | 'Гимназия' | 'Центр образования' | 'Школа';

const LEGAL_FORM_FULL: Record<string, string> = {
  МБОУ: 'Муниципальное бюджетное общеобразовательное учреждение',
  МАОУ: 'Муниципальное автономное общеобразовательное учреждение',
  МКОУ: 'Муниципальное казённое общеобразовательное учреждение',
  ГБОУ: 'Государственное бюджетное общеобразовательное учреждение',
};

const TYPE_FULL: Record<SchoolType, string> = {
  НОШ: 'начальная общеобразовательная школа',
  ООШ: 'основная общеобразовательная школа',
  СОШ: 'средняя общеобразовательная школа',
  'СОШ с УИОП': 'средняя общеобразовательная школа с углублённым изучением отдельных предметов',
  Лицей: 'лицей',
  Гимназия: 'гимназия',
  'Центр образования': 'центр образования',
  Школа: 'школа',
};

export interface SchoolName {
  readonly legalForm: string;
  readonly shortName: string;
  readonly fullName: string;
}

export function chooseType(kind: SchoolKind, stream: Stream): SchoolType {
  switch (kind) {
    case 'rural':
      return stream.weighted({ НОШ: 12, ООШ: 33, СОШ: 55 });
    case 'town':
      return stream.weighted({ СОШ: 85, Гимназия: 7, Лицей: 8 });
    case 'city':
      return stream.weighted({ СОШ: 64, 'СОШ с УИОП': 6, Лицей: 12, Гимназия: 12, 'Центр образования': 6 });
    case 'capital':
      return 'Школа';
  }
}

export function nameSchool(kind: SchoolKind, type: SchoolType, number: number, village: string, regionCode: string, stream: Stream): SchoolName {
  const legalForm =
    kind === 'capital'
      ? 'ГБОУ'
      : kind === 'rural'
        ? stream.weighted({ МКОУ: 40, МБОУ: 60 })
        : kind === 'town'
          ? stream.weighted({ МБОУ: 85, МАОУ: 15 })
          : stream.weighted({ МБОУ: 65, МАОУ: 35 });
  const honorific = stream.next() < (kind === 'rural' ? 0.06 : 0.12) ? stream.pick(HONORIFICS) : undefined;
  const named = honorific ? ` им. ${honorific}` : '';
  const fullNamed = honorific ? ` имени ${honorific}` : '';
  const form = LEGAL_FORM_FULL[legalForm] ?? legalForm;

  if (kind === 'capital' && regionCode === '78') {
    const district = stream.pick(SPB_DISTRICTS);
    return {
      legalForm,
      shortName: `${legalForm} СОШ № ${number} ${district} района Санкт-Петербурга`,
      fullName: `${form} средняя общеобразовательная школа № ${number} ${district} района Санкт-Петербурга`,
    };
  }
  if (kind === 'capital') {
    return { legalForm, shortName: `${legalForm} «Школа № ${number}»`, fullName: `${form} города Москвы «Школа № ${number}»` };
  }
  if (kind === 'rural') {
    return {
      legalForm,
      shortName: `${legalForm} «${village} ${type}»${named}`,
      fullName: `${form} «${village} ${TYPE_FULL[type]}»${fullNamed}`,
    };
  }
  return {
    legalForm,
    shortName: `${legalForm} «${type} № ${number}${named}»`,
    fullName: `${form} «${capitalize(TYPE_FULL[type])} № ${number}${fullNamed}»`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
