/**
 * The ЦОК library in the cabinet: browse by subject and grade, search by words, page by page with
 * the count found; each item links to its page with the access check.
 */
import { markup, type Html } from '../pages/html.ts';
import { formatCount, plural } from '../pages/ru-numbers.ts';
import type { GraphQLProblem } from './data.ts';
import { explain } from './explain.ts';
import { layout } from './layout.ts';
import { PAGE_SIZE, TYPE_RU, type LibraryAnswer, type LibraryItemAnswer } from './library-data.ts';
import { libraryItemLink, libraryLink, type LibraryView } from './library-links.ts';
import type { PageContext } from './page-context.ts';

export interface LibraryModel {
  readonly context: PageContext;
  readonly view: LibraryView;
  readonly answer: LibraryAnswer | null;
  readonly errors: readonly GraphQLProblem[];
  /** A browse choice that was not understood, said in Russian (the page shows the rest). */
  readonly inputProblem: string | null;
}

function filters(model: LibraryModel): Html {
  const { view, context } = model;
  const subjects = model.answer?.librarySubjects ?? [];
  const grades = Array.from({ length: 11 }, (_, i) => i + 1);
  return markup`<form class="filters" method="get" action="${context.prefix}/library" role="search">
${view.role ? markup`<input type="hidden" name="role" value="${view.role}">` : ''}
<div><label for="lib-subject">Предмет</label><select id="lib-subject" name="subject"><option value="">Все предметы</option>${subjects.map(
    (s) => markup`<option value="${s.code}"${s.code === view.subject ? markup` selected` : ''}>${s.name}</option>`,
  )}</select></div>
<div><label for="lib-grade">Класс</label><select id="lib-grade" name="grade"><option value="">Все классы</option>${grades.map(
    (g) => markup`<option value="${g}"${g === view.grade ? markup` selected` : ''}>${g} класс</option>`,
  )}</select></div>
<div><label for="lib-q">Слова из названия или темы</label><input id="lib-q" name="q" type="search" value="${view.search}" maxlength="200"></div>
<div><button type="submit">Найти</button></div></form>`;
}

function itemRow(item: LibraryItemAnswer, model: LibraryModel): Html {
  const back = model.context.here;
  return markup`<li data-item="${item.id}"><a href="${libraryItemLink(model.context.prefix, item.id, model.view.role, back)}">${item.title}</a><br><small>${item.subject}, ${item.grade} класс · ${TYPE_RU[item.type]}, ${item.durationMinutes} мин · ${item.provider}</small></li>`;
}

function results(model: LibraryModel): Html {
  const page = model.answer?.libraryItems;
  if (!page) return markup``;
  const { view } = model;
  if (page.totalCount === 0) {
    const said = view.search ? markup`по словам «${view.search}»` : markup`с такими условиями`;
    return markup`<p class="notice" role="status" data-found="0">Ничего не найдено ${said}. Измените слова поиска или выберите другой предмет или класс.</p>`;
  }
  const first = view.trail.length * PAGE_SIZE + 1;
  const last = first + page.items.length - 1;
  const previous = view.trail.slice(0, -1);
  const pager = markup`<nav class="pager" aria-label="Страницы">${
    view.trail.length ? markup`<a class="button secondary" href="${libraryLink(model.context.prefix, { ...view, trail: previous })}">← Предыдущие</a>` : ''
  }<span>Страница ${view.trail.length + 1}</span>${
    page.hasNextPage && page.endCursor
      ? markup`<a class="button secondary" href="${libraryLink(model.context.prefix, { ...view, trail: [...view.trail, page.endCursor] })}">Следующие →</a>`
      : ''
  }</nav>`;
  return markup`<p role="status" data-found="${page.totalCount}">Найдено ${formatCount(page.totalCount)} ${plural(page.totalCount, 'материал', 'материала', 'материалов')}, показаны ${first}–${last}.</p>
<ul class="items">${page.items.map((item) => itemRow(item, model))}</ul>${pager}`;
}

export function libraryPage(model: LibraryModel): string {
  const problems = model.errors.map((e) => {
    const { title, todo } = explain(e);
    return markup`<div class="error" role="alert" data-code="${e.extensions?.code ?? ''}"><b>${title}</b><br>${todo}</div>`;
  });
  const body = markup`<h1>Библиотека ЦОК</h1>
<section class="card" aria-labelledby="lib-h"><h2 id="lib-h">Поиск материалов</h2>
<p class="muted">Проверенные цифровые уроки, лабораторные работы, видеоуроки и постановки — по предмету, классу и словам из названия.</p>
${filters(model)}
${model.inputProblem ? markup`<div class="error" role="alert">${model.inputProblem}</div>` : ''}${problems}
${results(model)}</section>`;
  return layout(model.context, 'Библиотека ЦОК', body, { section: 'library' });
}
