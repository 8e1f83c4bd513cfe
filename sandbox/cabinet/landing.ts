/** The cabinet's front page before a login: what it is, and «Войти через Госуслуги». */
import { markup } from '../pages/html.ts';
import { layout } from './layout.ts';
import type { PageContext } from './page-context.ts';

export function landingPage(context: PageContext, error?: string): string {
  const prefix = context.prefix;
  return layout(
    context,
    'Вход',
    markup`<section class="card"><h1>Моя школа</h1>
${error ? markup`<div class="error" role="alert">${error}</div>` : ''}
<p>Дневник, расписание, оценки и домашние задания — для учеников, родителей и учителей. Вход — через Госуслуги (тестовый стенд edusim: без пароля, выберите персону).</p>
<p><a class="button" href="${prefix}/login">Войти через Госуслуги</a></p>
<p class="muted">После входа «Моя школа» запросит сведения о вас в ГИС РУО и в электронном дневнике вашего региона. Для этого нужно согласие на передачу данных; если его нет, кабинет подскажет, кто и где его даёт.</p>
<p class="muted">Для тренеров: <a href="${prefix}/demo">почему персона не может открыть урок ЦОК</a>; <a href="${prefix}/indicators">показатели региона</a>.</p></section>`,
  );
}
