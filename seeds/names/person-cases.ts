/**
 * A person's full name in a grammatical case, declined by lvovich: «Школа выдала Чернову Роману
 * Анатольевичу права…», «данные Вишняковой Полины Артёмовны» (docs/world-realism.md «Names»).
 * Where lvovich leaves a man's consonant-final name of another language as it is (Монгуш, Айдыс),
 * the regular masculine ending is added; a hyphenated name declines in its last part (Кара-Сала).
 */
import { inclineFirstname, inclineLastname, inclineMiddlename } from 'lvovich';

export type NameCase = 'nominative' | 'genitive' | 'dative';

export interface NamedPerson {
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly sex: 'M' | 'F';
}

type Incline = (word: string, nameCase: 'genitive' | 'dative', gender: 'male' | 'female') => string;

const MASCULINE_ENDING = { genitive: 'а', dative: 'у' } as const;

function declineName(word: string, nameCase: 'genitive' | 'dative', sex: 'M' | 'F', library: Incline): string {
  const hyphen = word.lastIndexOf('-');
  if (hyphen > 0) return `${word.slice(0, hyphen + 1)}${declineName(word.slice(hyphen + 1), nameCase, sex, library)}`;
  const declined = library(word, nameCase, sex === 'M' ? 'male' : 'female');
  if (declined !== word || sex === 'F' || !/[бвгджзклмнпрстфхцчшщ]$/.test(word) || /[иы]х$/.test(word)) return declined;
  return `${word}${MASCULINE_ENDING[nameCase]}`;
}

/** «Фамилия Имя Отчество» in the case asked for. */
export function fullNameIn(person: NamedPerson, nameCase: NameCase): string {
  const { lastName, firstName, middleName, sex } = person;
  if (nameCase === 'nominative') return `${lastName} ${firstName} ${middleName}`;
  return [
    declineName(lastName, nameCase, sex, inclineLastname),
    declineName(firstName, nameCase, sex, inclineFirstname),
    inclineMiddlename(middleName, nameCase, sex === 'M' ? 'male' : 'female'),
  ].join(' ');
}
