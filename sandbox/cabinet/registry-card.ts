/** The registry card: what ГИС РУО says about the person — region, school and address, class, role. */
import { markup, type Html } from '../pages/html.ts';
import type { Me } from './data.ts';
import { ROLE_RU } from './explain.ts';

export function registryCard(me: Me, role: string | null): Html {
  const registry = me.registry;
  if (!registry)
    return markup`<section class="card" aria-labelledby="registry-h"><h2 id="registry-h">Сведения из ГИС РУО</h2><p class="muted">Сведений нет — см. шаги входа ниже.</p></section>`;
  const rows = registry.memberships.map(
    (
      m,
    ) => markup`<div class="membership"${m.role === role ? markup` data-current="true"` : ''}><h3>${ROLE_RU[m.role] ?? m.role}${m.role === role ? markup` <small>(текущая роль)</small>` : ''}</h3>
<dl class="facts">${m.school ? markup`<dt>Школа</dt><dd>${m.school.name}</dd><dt>Адрес</dt><dd>${m.school.address}</dd>` : markup`<dt>Школа</dt><dd>—</dd>`}${m.class ? markup`<dt>Класс</dt><dd>${m.class.name}</dd>` : ''}</dl></div>`,
  );
  return markup`<section class="card" aria-labelledby="registry-h"><h2 id="registry-h">Сведения из ГИС РУО</h2>
<dl class="facts"><dt>Регион</dt><dd>${registry.region.name} (${registry.region.code})</dd></dl>${rows}</section>`;
}
