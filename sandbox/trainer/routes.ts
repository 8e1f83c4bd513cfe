/**
 * The trainer panel at `/demo` of every sandbox: `GET /demo?persona=<handle>` shows a persona;
 * `POST /demo/apply` plays a scenario on it, `POST /demo/reset` takes the sandbox back to its
 * start, `POST /demo/new` opens the demo in a sandbox of one's own. Every POST answers 303 back
 * to the persona with a message saying what changed (or why nothing did).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConsentError } from '../../mocks/index.ts';
import { PERSONA_HANDLES, PERSONAS } from '../../seeds/index.ts';
import { addressOf, sandboxOf } from '../http/routing.ts';
import type { SandboxRegistry } from '../registry.ts';
import { RegistryError } from '../registry.ts';
import type { Sandbox } from '../sandbox.ts';
import { applyScenario, ScenarioError, SCENARIO_NAMES } from '../scenarios.ts';
import { actionLabel } from './fixes.ts';
import { flashOf, putFlash, type Flash } from './flash.ts';
import { pageContextOf } from '../cabinet/page-context.ts';
import { panelPage } from './panel-page.ts';
import { gatewayRole, personaFlow } from './persona-flow.ts';
import { personaView } from './persona-view.ts';

const FIRST_PERSONA = PERSONAS[0]?.handle ?? '';
/** A presenter's own sandbox lives through a training day without use. */
const OWN_SANDBOX_TTL = 'PT8H';

const handles = PERSONA_HANDLES as [string, ...string[]];
const PersonaForm = z.object({ persona: z.enum(handles, { error: `expected one of ${PERSONA_HANDLES.join(', ')}` }) });
const ApplyForm = PersonaForm.extend({
  scenario: z.enum(SCENARIO_NAMES as [string, ...string[]], { error: `expected one of ${SCENARIO_NAMES.join(', ')}` }),
});

/** A form body as fields (the app reads urlencoded bodies as text). */
function formOf(body: unknown): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  if (typeof body === 'object' && body !== null) return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
  return {};
}

function backTo(reply: FastifyReply, request: FastifyRequest, handle: string, flash: Flash): FastifyReply {
  const id = putFlash(sandboxOf(request), flash);
  return reply.redirect(`${addressOf(request).prefix}/demo?persona=${encodeURIComponent(handle)}&message=${id}#result`, 303);
}

async function showPanel(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, handle: string, flash: Flash | undefined, status = 200) {
  const sandbox = sandboxOf(request);
  const view = personaView(sandbox, handle);
  const flow = await personaFlow(app, request, sandbox, view.person, gatewayRole(view.definition.accessRole, view.person));
  const verdicts = new Map(
    PERSONAS.map((p) => [p.handle, p.handle === handle ? (view.access?.allowed ?? null) : (personaView(sandbox, p.handle).access?.allowed ?? null)]),
  );
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      panelPage({
        context: pageContextOf(request),
        prefix: addressOf(request).prefix,
        sandboxId: sandbox.id,
        now: sandbox.clock.now(),
        view,
        flow,
        verdicts,
        flash,
      }),
    );
}

/** A refusal in the room's language: what was asked, why not. */
function refusal(error: unknown, what: string): Flash | undefined {
  if (error instanceof ScenarioError || error instanceof ConsentError || error instanceof RegistryError)
    return { kind: 'refused', text: `${what}: ничего не изменилось. Причина (как её называет edusim): ${error.message}` };
  return undefined;
}

function apply(sandbox: Sandbox, handle: string, scenario: string): Flash {
  const view = personaView(sandbox, handle);
  if (!view.actions.includes(scenario))
    return {
      kind: 'refused',
      text: `«${actionLabel(scenario)}» для этой персоны сейчас не нужно (страница устарела?). Доступно: ${view.actions.map((a) => `«${actionLabel(a)}»`).join(', ')}.`,
    };
  const params = scenario.startsWith('diary-') ? { region: view.person.regionCode } : { persona: handle };
  return { kind: 'done', text: applyScenario(sandbox, scenario, params).done };
}

export function registerTrainerPanel(app: FastifyInstance, registry: SandboxRegistry): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/demo', async (request, reply) => {
    const asked = request.query['persona'];
    if (asked !== undefined && !PERSONA_HANDLES.includes(asked))
      return showPanel(app, request, reply, FIRST_PERSONA, { kind: 'refused', text: `Персоны «${asked}» нет. Выберите персону из списка.` }, 400);
    return showPanel(app, request, reply, asked ?? FIRST_PERSONA, flashOf(sandboxOf(request), request.query['message']));
  });

  app.post('/demo/apply', async (request, reply) => {
    const form = ApplyForm.safeParse(formOf(request.body));
    if (!form.success) {
      const text = form.error.issues.map((i) => `поле «${i.path.join('.')}»: ${i.message}`).join('; ');
      return showPanel(app, request, reply, FIRST_PERSONA, { kind: 'refused', text: `Форма не принята — ${text}.` }, 400);
    }
    const { persona, scenario } = form.data;
    try {
      return backTo(reply, request, persona, apply(sandboxOf(request), persona, scenario));
    } catch (error) {
      const flash = refusal(error, `«${actionLabel(scenario)}»`);
      if (!flash) throw error;
      return backTo(reply, request, persona, flash);
    }
  });

  app.post('/demo/reset', async (request, reply) => {
    const form = PersonaForm.safeParse(formOf(request.body));
    const persona = form.success ? form.data.persona : FIRST_PERSONA;
    await registry.reset(sandboxOf(request).id);
    return backTo(reply, request, persona, {
      kind: 'done',
      text: 'Демо сброшено: песочница вернулась к началу — согласия, учётные записи, права, расписание, часы и сбои такие же, как при её создании.',
    });
  });

  app.post('/demo/new', async (request, reply) => {
    const current = sandboxOf(request);
    const facts = current.worldFacts();
    const clock = current.clock.state();
    try {
      const own = await registry.create({
        seed: facts.seed,
        scale: facts.scale,
        ...(facts.region ? { region: facts.region } : {}),
        date: facts.date,
        profile: current.spec.profile,
        ttl: OWN_SANDBOX_TTL,
        clock: { at: current.clock.now().toISOString(), frozen: clock.mode === 'frozen' },
      });
      return reply.redirect(`/sandboxes/${own.id}/demo`, 303);
    } catch (error) {
      const flash = refusal(error, 'Своя песочница не открыта');
      if (!flash) throw error;
      return backTo(reply, request, FIRST_PERSONA, flash);
    }
  });
}
