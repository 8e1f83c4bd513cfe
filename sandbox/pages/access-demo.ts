/**
 * The trainers' page: «Почему ученик или учитель не может открыть урок ЦОК?» — every persona's
 * access check in the request's sandbox, check by check, with the fix, and a button that applies
 * the fix as a scenario (so the next check passes, as it would after the real fix).
 */
import type { FastifyInstance } from 'fastify';
import { evaluateLessonAccess, type AccessCheck } from '../../mocks/index.ts';
import { findPersona, moscowDateOf, PERSONAS } from '../../seeds/index.ts';
import { addressOf, sandboxOf } from '../http/routing.ts';
import { applyScenario, FIX_FOR_CHECK, ScenarioError } from '../scenarios.ts';

const STYLE = `body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}header{background:#fff;border-bottom:1px solid #e1e7f0;padding:16px 32px;font-weight:700;color:#0d4cd3}
main{max-width:900px;margin:24px auto;padding:0 16px}.card{background:#fff;border-radius:12px;padding:16px 20px;margin:12px 0;box-shadow:0 2px 8px rgba(11,31,51,.08)}
.verdict{font-weight:700}.ok{color:#0a7a3d}.no{color:#c21a1a}ul{list-style:none;padding:0}li{margin:6px 0}small{color:#66727f;display:block}
button{background:#0d4cd3;color:#fff;border:0;border-radius:8px;padding:6px 14px;cursor:pointer;margin-left:8px}`;

const e = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function renderCheck(check: AccessCheck, handle: string, prefix: string): string {
  const fix = !check.passed && check.fix ? `<small>Что сделать: ${e(check.fix)}</small>` : '';
  const button =
    !check.passed && FIX_FOR_CHECK[check.code]
      ? `<form method="post" action="${e(prefix)}/demo/fix" style="display:inline"><input type="hidden" name="persona" value="${e(handle)}"><input type="hidden" name="check" value="${e(check.code)}"><button type="submit">Исправить</button></form>`
      : '';
  return `<li data-check="${e(check.code)}"><span class="${check.passed ? 'ok' : 'no'}">${check.passed ? '✓' : '✗'}</span> ${e(check.message)}${button}${fix}</li>`;
}

export function registerAccessDemo(app: FastifyInstance): void {
  app.get('/demo', async (request, reply) => {
    const sandbox = sandboxOf(request);
    const prefix = addressOf(request).prefix;
    const today = moscowDateOf(sandbox.clock.now());
    const cards = PERSONAS.filter((p) => p.accessRole !== null).map((definition) => {
      const { person } = findPersona(sandbox.world, definition.handle);
      const access = evaluateLessonAccess(sandbox.world, person, definition.accessRole ?? undefined, sandbox.state, today);
      return `<section class="card" data-persona="${e(definition.handle)}"><h2>${e(definition.title)}</h2><small>${e(`${person.lastName} ${person.firstName} ${person.middleName}`)} · oid ${person.account?.oid ?? '—'}</small>
<p class="verdict ${access.allowed ? 'ok' : 'no'}">${access.allowed ? 'Урок ЦОК открывается' : 'Урок ЦОК не открывается'}</p><ul>${access.checks.map((c) => renderCheck(c, definition.handle, prefix)).join('')}</ul></section>`;
    });
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Доступ к урокам ЦОК — edusim</title><style>${STYLE}</style></head><body><header>edusim · доступ к урокам ЦОК</header><main><h1>Почему ученик или учитель не может открыть урок ЦОК?</h1><p>Проверки по правилам «Моей школы» для каждой персоны. «Исправить» делает то, что сделали бы школа или родитель.</p>${cards.join('')}</main></body></html>`,
      );
  });

  app.post<{ Body: Record<string, string> | string | undefined }>('/demo/fix', async (request, reply) => {
    const body = typeof request.body === 'string' ? Object.fromEntries(new URLSearchParams(request.body)) : (request.body ?? {});
    const definition = PERSONAS.find((p) => p.handle === body['persona']);
    if (!definition)
      return reply
        .code(400)
        .type('text/plain; charset=utf-8')
        .send(`Неизвестная персона ${JSON.stringify(body['persona'])}`);
    const scenario = FIX_FOR_CHECK[String(body['check'] ?? '')];
    if (!scenario) {
      return reply
        .code(400)
        .type('text/plain; charset=utf-8')
        .send(`Проверку ${JSON.stringify(body['check'])} здесь исправить нельзя`);
    }
    try {
      applyScenario(sandboxOf(request), scenario, { persona: definition.handle });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      return reply.code(error.status).type('text/plain; charset=utf-8').send(error.message);
    }
    return reply.redirect(`${addressOf(request).prefix}/demo#${definition.handle}`, 303);
  });
}
