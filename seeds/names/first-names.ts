/**
 * First names by birth cohort, most frequent first (docs/world-realism.md «People and names»).
 * Picked with Zipf-like weights so the top name takes ~6 % and the top 20 ~60 %.
 */
import { unit } from '../random/hash.ts';

export type Sex = 'M' | 'F';

const CHILD_NAMES: Record<Sex, readonly string[]> = {
  M: [
    'Александр',
    'Михаил',
    'Максим',
    'Артём',
    'Иван',
    'Даниил',
    'Дмитрий',
    'Кирилл',
    'Матвей',
    'Егор',
    'Никита',
    'Илья',
    'Андрей',
    'Тимофей',
    'Роман',
    'Алексей',
    'Марк',
    'Лев',
    'Ярослав',
    'Фёдор',
    'Арсений',
    'Глеб',
    'Степан',
    'Владимир',
    'Тимур',
    'Макар',
    'Георгий',
    'Савелий',
    'Денис',
    'Богдан',
  ],
  F: [
    'София',
    'Анастасия',
    'Мария',
    'Анна',
    'Виктория',
    'Дарья',
    'Полина',
    'Елизавета',
    'Александра',
    'Варвара',
    'Алиса',
    'Ксения',
    'Арина',
    'Ева',
    'Вероника',
    'Милана',
    'Екатерина',
    'Василиса',
    'Алёна',
    'Валерия',
    'Ульяна',
    'Кира',
    'Маргарита',
    'Злата',
    'Таисия',
    'Есения',
    'Диана',
    'Вера',
    'Юлия',
    'Мирослава',
  ],
};

const ADULT_NAMES: Record<Sex, readonly string[]> = {
  M: [
    'Александр',
    'Сергей',
    'Дмитрий',
    'Андрей',
    'Алексей',
    'Евгений',
    'Максим',
    'Иван',
    'Михаил',
    'Денис',
    'Роман',
    'Владимир',
    'Николай',
    'Павел',
    'Игорь',
    'Олег',
    'Антон',
    'Виталий',
    'Юрий',
    'Константин',
    'Вадим',
    'Виктор',
    'Артём',
    'Илья',
    'Кирилл',
    'Никита',
    'Василий',
    'Анатолий',
    'Пётр',
    'Геннадий',
  ],
  F: [
    'Елена',
    'Ольга',
    'Наталья',
    'Татьяна',
    'Ирина',
    'Екатерина',
    'Анна',
    'Светлана',
    'Юлия',
    'Мария',
    'Марина',
    'Анастасия',
    'Евгения',
    'Оксана',
    'Людмила',
    'Надежда',
    'Галина',
    'Валентина',
    'Лариса',
    'Ксения',
    'Алёна',
    'Виктория',
    'Дарья',
    'Любовь',
    'Жанна',
    'Инна',
    'Вера',
    'Кристина',
    'Елизавета',
    'Нина',
  ],
};

function cumulativeZipf(count: number, exponent: number): Float64Array {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(count);
  let running = 0;
  weights.forEach((w, i) => {
    running += w / total;
    cumulative[i] = running;
  });
  return cumulative;
}

const ZIPF_30 = cumulativeZipf(30, 0.9);

/** Index into a Zipf(0.9)-weighted list of 30 for a uniform u in [0, 1). */
export function zipfIndex(u: number, cumulative: Float64Array = ZIPF_30): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < (cumulative[mid] ?? 1)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function firstName(cohort: 'child' | 'adult', sex: Sex, key: number, ...parts: number[]): string {
  const list = (cohort === 'child' ? CHILD_NAMES : ADULT_NAMES)[sex];
  return list[zipfIndex(unit(key, ...parts))] ?? list[0] ?? '';
}
