/** Patronymic from the father's first name (rules: docs/world-realism.md «Names»). */
import type { Sex } from './pools.ts';

const IRREGULAR: Record<string, readonly [string, string]> = {
  Лев: ['Львович', 'Львовна'],
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Яков: ['Яковлевич', 'Яковлевна'],
  Илья: ['Ильич', 'Ильинична'],
  Кузьма: ['Кузьмич', 'Кузьминична'],
  Фома: ['Фомич', 'Фоминична'],
  Лука: ['Лукич', 'Лукинична'],
  Никита: ['Никитич', 'Никитична'],
  Савва: ['Саввич', 'Саввична'],
  Михаил: ['Михайлович', 'Михайловна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
  Валерий: ['Валерьевич', 'Валерьевна'],
};

/**
 * Russian rules for Russian names; names of other languages that end in a vowel keep it and take
 * -евич/-евна, as registry offices write them: Муса → Мусаевич, Али → Алиевич, Бато → Батоевич.
 */
export function patronymic(fatherName: string, sex: Sex): string {
  const irregular = IRREGULAR[fatherName];
  if (irregular) return sex === 'M' ? irregular[0] : irregular[1];
  const [male, female] = ((): [string, string] => {
    if (fatherName.endsWith('ий')) {
      const stem = fatherName.slice(0, -2);
      return [`${stem}ьевич`, `${stem}ьевна`];
    }
    if (fatherName.endsWith('й') || fatherName.endsWith('ь')) {
      const stem = fatherName.slice(0, -1);
      return [`${stem}евич`, `${stem}евна`];
    }
    if (/[аяоуиэе]$/.test(fatherName)) return [`${fatherName}евич`, `${fatherName}евна`];
    return [`${fatherName}ович`, `${fatherName}овна`];
  })();
  return sex === 'M' ? male : female;
}
