/**
 * Place names in the cases official documents need: «Отдел ЗАГС администрации города Тамбова»,
 * «… Александровского муниципального района», «УМВД России по Тамбовской области».
 * Adjectives and town names are declined by lvovich; the fixed nouns of municipal and regional
 * titles come from a table, and a few towns lvovich gets wrong are listed (docs/world-realism.md «Names»).
 */
import { cityFrom, inclineLastname } from 'lvovich';

type Case = 'genitive' | 'dative';

/** Town names lvovich declines wrongly (plural or compound names), in the genitive. */
const TOWN_GENITIVE: Record<string, string> = {
  'Великие Луки': 'Великих Лук',
  'Полярные Зори': 'Полярных Зорь',
  'Вятские Поляны': 'Вятских Полян',
  'Красный Луч': 'Красного Луча',
  'Ак-Довурак': 'Ак-Довурака',
  Обь: 'Оби',
  Саки: 'Сак',
  'Спасск-Дальний': 'Спасска-Дальнего',
  'Верхняя Пышма': 'Верхней Пышмы',
  Лиски: 'Лисок',
  Шахты: 'Шахт',
  Олешки: 'Олешек',
};

/** The town in the genitive: Тамбов → Тамбова, Набережные Челны → Набережных Челнов. */
export function townGenitive(town: string): string {
  return TOWN_GENITIVE[town] ?? cityFrom(town);
}

/** Nouns of municipal and regional titles with their gender, in each case. */
const NOUNS: Record<string, { gender: 'male' | 'female'; genitive: string; dative: string }> = {
  район: { gender: 'male', genitive: 'района', dative: 'району' },
  округ: { gender: 'male', genitive: 'округа', dative: 'округу' },
  край: { gender: 'male', genitive: 'края', dative: 'краю' },
  область: { gender: 'female', genitive: 'области', dative: 'области' },
  Республика: { gender: 'female', genitive: 'Республики', dative: 'Республике' },
};

/**
 * Declines a title made of adjectives around one head noun: «Александровский муниципальный район»,
 * «Тамбовская область», «Ханты-Мансийский автономный округ — Югра», «Республика Татарстан».
 * Words after the head noun stay as they are (a proper name in apposition: «Республике Татарстан»),
 * except an appended name after a dash, which agrees with a title ending in its noun («— Югре»,
 * «— Кузбассу»). A federal city is «г. Москва» → «г. Москве».
 */
export function titleCase(title: string, grammaticalCase: Case): string {
  const city = /^г\. (.+)$/.exec(title)?.[1];
  if (city !== undefined) return `г. ${grammaticalCase === 'genitive' ? townGenitive(city) : cityDative(city)}`;
  const [main = '', appended] = title.split(' — ');
  const words = main.split(' ');
  const head = words.findIndex((word) => NOUNS[word] !== undefined);
  if (head < 0) return title;
  const noun = NOUNS[words[head] ?? ''];
  if (!noun) return title;
  const declined = words.map((word, i) => {
    if (i === head) return noun[grammaticalCase];
    if (i > head) return word;
    return inclineLastname(word, grammaticalCase, noun.gender);
  });
  const agrees = head === words.length - 1;
  const tail = appended === undefined ? '' : ` — ${agrees ? declineAppended(appended, grammaticalCase) : appended}`;
  return `${declined.join(' ')}${tail}`;
}

function declineAppended(name: string, grammaticalCase: Case): string {
  const gender = /[ая]$/.test(name) ? 'female' : 'male';
  return inclineLastname(name, grammaticalCase, gender);
}

function cityDative(city: string): string {
  if (city === 'Санкт-Петербург') return 'Санкт-Петербургу';
  return inclineLastname(city, 'dative', /[ая]$/.test(city) ? 'female' : 'male');
}

/**
 * A region's name as its authorities write it: without the table's notes («(без НАО)») or a
 * repeated short name («Республика Татарстан (Татарстан)»); «Республика Саха (Якутия)» keeps its own.
 */
export function officialRegionName(name: string): string {
  return name.replace(/ \((без [^)]+|[^)]+)\)$/, (whole, inner: string) => (inner.startsWith('без ') || name.includes(`${inner} (`) ? '' : whole));
}
