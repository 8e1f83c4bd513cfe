/**
 * Russian names of consent purposes, recipients and ESIA scopes, for every page a person reads
 * (the ESIA consent screen, the consent platform's page, the «Моя школа» cabinet). Codes stay on the
 * wire; people see these. An unknown code is shown as it is.
 */
export const PURPOSE_LABELS: Readonly<Record<string, string>> = {
  EDU_JOURNAL: 'Ведение электронного журнала и дневника',
  KID_SCHOOL: 'Сведения о школе ребёнка',
  KID_EDUCATION: 'Сведения об образовании ребёнка',
  EDUSIM_MYSCHOOL_TRANSFER: 'Передача данных в «Моя школа»: школа, класс, роль, дневник',
  EDUSIM_LESSON_ACCESS: 'Доступ к урокам библиотеки ЦОК',
};

export const RECIPIENT_LABELS: Readonly<Record<string, string>> = {
  FGIS_MYSCHOOL: 'ФГИС «Моя школа»',
  EDUSIM: 'Демо-система edusim',
};

export const SCOPE_LABELS: Readonly<Record<string, string>> = {
  openid: 'вход через Госуслуги',
  fullname: 'фамилия, имя, отчество',
  birthdate: 'дата рождения',
  birthplace: 'место рождения',
  gender: 'пол',
  email: 'электронная почта',
  mobile: 'мобильный телефон',
  contacts: 'контакты',
  addresses: 'адреса',
  snils: 'СНИЛС',
  inn: 'ИНН',
  id_doc: 'паспорт',
  birth_cert_doc: 'свидетельство о рождении',
  medical_doc: 'полис ОМС',
  usr_org: 'организации',
  citizenship: 'гражданство',
  kid_fullname: 'ФИО ребёнка',
  kid_birthdate: 'дата рождения ребёнка',
  kid_gender: 'пол ребёнка',
  kid_snils: 'СНИЛС ребёнка',
  kid_inn: 'ИНН ребёнка',
  kid_birth_cert_doc: 'свидетельство о рождении ребёнка',
  kid_medical_doc: 'полис ОМС ребёнка',
  kid_school_data: 'школа и класс ребёнка',
  prm_chg: 'изменение прав доступа',
  edusim_diary: 'электронный дневник',
};

export const purposeLabel = (code: string): string => PURPOSE_LABELS[code] ?? code;
export const recipientLabel = (code: string): string => RECIPIENT_LABELS[code] ?? code;
export const scopesLabel = (codes: readonly string[]): string => codes.map((c) => SCOPE_LABELS[c] ?? c).join(', ');

/** «на 1 день», «на 30 дней», «на 1 год», «бессрочно»: a consent's term in words. */
export function termLabel(minutes: number | null): string {
  if (minutes === null) return 'бессрочно';
  if (minutes % 525_600 === 0) return `на ${plural(minutes / 525_600, 'год', 'года', 'лет')}`;
  if (minutes % 1440 === 0) return `на ${plural(minutes / 1440, 'день', 'дня', 'дней')}`;
  if (minutes % 60 === 0) return `на ${plural(minutes / 60, 'час', 'часа', 'часов')}`;
  return `на ${plural(minutes, 'минуту', 'минуты', 'минут')}`;
}

function plural(n: number, one: string, few: string, many: string): string {
  const tail = n % 100;
  const word = tail >= 11 && tail <= 14 ? many : n % 10 === 1 ? one : n % 10 >= 2 && n % 10 <= 4 ? few : many;
  return `${n} ${word}`;
}

/** An ISO instant as «23.11.2026 10:00» in Moscow time. */
export function moscowDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 3 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
