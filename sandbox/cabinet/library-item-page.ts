/**
 * One ЦОК library item: what it is, and the access-check panel for it — can the person, in the
 * chosen role, open it; each condition with who must act and what to do — and «Открыть урок».
 */
import type { LibraryItem } from '../../seeds/index.ts';
import { markup, type Html } from '../pages/html.ts';
import { accessPanel } from './access-panel.ts';
import type { GraphQLProblem, LessonAccess } from './data.ts';
import { explain, ROLE_RU } from './explain.ts';
import { layout } from './layout.ts';
import { TYPE_RU } from './library-data.ts';
import { libraryLink } from './library-links.ts';
import type { PageContext } from './page-context.ts';

export type OpenOutcome = 'opened' | 'refused' | null;

export interface LibraryItemModel {
  readonly context: PageContext;
  readonly item: LibraryItem;
  readonly role: string | null;
  readonly access: LessonAccess | null;
  readonly age: number | null;
  readonly errors: readonly GraphQLProblem[];
  /** Where the list was (a same-host path), for «← К списку». */
  readonly back: string;
  readonly outcome: OpenOutcome;
}

function openForm(model: LibraryItemModel): Html {
  if (model.role === 'PARENT')
    return markup`<p class="muted">Родитель уроки ЦОК не открывает: урок открывает ребёнок под своей учётной записью (роль «Ученик»). Почему у ребёнка урок может не открыться — в его кабинете.</p>`;
  const { prefix } = model.context;
  return markup`<form method="post" action="${prefix}/library/${model.item.id}/open"><input type="hidden" name="role" value="${model.role ?? ''}"><input type="hidden" name="back" value="${model.back}"><button type="submit">Открыть урок</button></form>`;
}

function outcomeBox(model: LibraryItemModel): Html {
  if (model.outcome === 'opened')
    return markup`<div class="notice" role="status">Урок открыт: «Моя школа» записала открытие, оно учтено в показателях использования ЦОК.</div>`;
  if (model.outcome === 'refused')
    return markup`<div class="error" role="alert">Урок не открылся: не выполнены условия доступа. Ниже сказано, кто и что должен сделать.</div>`;
  return markup``;
}

export function libraryItemPage(model: LibraryItemModel): string {
  const { item } = model;
  const problems = model.errors
    .filter((e) => e.path?.[1] !== 'lessonAccess')
    .map((e) => {
      const { title, todo } = explain(e);
      return markup`<div class="error" role="alert" data-code="${e.extensions?.code ?? ''}"><b>${title}</b><br>${todo}</div>`;
    });
  const accessProblem = model.errors.find((e) => e.path?.[1] === 'lessonAccess');
  const body = markup`<p><a href="${model.back}">← К списку материалов</a></p>
<h1>${item.title}</h1>${outcomeBox(model)}${problems}
<section class="card" aria-labelledby="item-h"><h2 id="item-h">О материале</h2>
<dl class="facts"><dt>Предмет</dt><dd>${item.subject}</dd><dt>Класс</dt><dd>${item.grade}</dd><dt>Раздел</dt><dd>${item.section}</dd><dt>Тема</dt><dd>${item.topic}</dd>
<dt>Вид</dt><dd>${TYPE_RU[item.type]}, ${item.durationMinutes} мин</dd><dt>Автор</dt><dd>${item.provider}</dd><dt>Код</dt><dd>${item.id}</dd></dl></section>
${
  model.role === 'PARENT'
    ? markup`<section class="card" aria-labelledby="access-h"><h2 id="access-h">Доступ к урокам библиотеки ЦОК</h2>${openForm(model)}</section>`
    : accessPanel(
        model.access,
        accessProblem,
        model.age,
        markup`${model.role ? markup`<p class="muted">Проверка для роли «${ROLE_RU[model.role] ?? model.role}».</p>` : ''}${openForm(model)}`,
      )
}
<p><a href="${libraryLink(model.context.prefix, { role: model.role, subject: item.subjectCode, grade: item.grade })}">Ещё материалы: ${item.subject}, ${item.grade} класс</a></p>`;
  return layout(model.context, item.title, body, { section: 'library' });
}
