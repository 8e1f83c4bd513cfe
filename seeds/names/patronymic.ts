/** Patronymic from the father's first name (rules: docs/world-realism.md «People and names»). */
import type { Sex } from './first-names.ts';

const IRREGULAR: Record<string, readonly [string, string]> = {
  Лев: ['Львович', 'Львовна'],
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Яков: ['Яковлевич', 'Яковлевна'],
  Илья: ['Ильич', 'Ильинична'],
  Кузьма: ['Кузьмич', 'Кузьминична'],
  Фома: ['Фомич', 'Фоминична'],
  Лука: ['Лукич', 'Лукинична'],
  Михаил: ['Михайлович', 'Михайловна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
  Валерий: ['Валерьевич', 'Валерьевна'],
};

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
    if (fatherName.endsWith('а')) {
      const stem = fatherName.slice(0, -1);
      return [`${stem}ич`, `${stem}ична`];
    }
    return [`${fatherName}ович`, `${fatherName}овна`];
  })();
  return sex === 'M' ? male : female;
}
