/** `GET /indicators` of every sandbox: the indicators page (indicators-page.ts); `?region=NN` in a world of several regions. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorPage, pageRoute, sendPage } from '../cabinet/error-page.ts';
import { pageContextOf } from '../cabinet/page-context.ts';
import { sandboxOf } from '../http/routing.ts';
import { indicatorsReport, type IndicatorSources } from '../indicators/report.ts';
import { indicatorsPage, regionChoicePage } from './indicators-page.ts';

type Query = { Querystring: Record<string, string | undefined> };

export function registerIndicatorsPage(app: FastifyInstance): void {
  app.get<Query>(
    '/indicators',
    pageRoute(async (request: FastifyRequest<Query>, reply) => {
      const context = pageContextOf(request);
      const sandbox = sandboxOf(request);
      const world = sandbox.world;
      const regions = world.regions.map((r) => ({ code: r.code, name: r.name }));
      const choice = { context, regions };
      const asked = request.query['region'];
      if (asked !== undefined && !world.hasRegion(asked)) {
        const problem = `Региона «${asked}» нет в мире этой песочницы. Выберите регион из списка (код — две цифры, например ${regions[0]?.code ?? '36'}).`;
        return regions.length > 1
          ? sendPage(reply, 400, regionChoicePage({ ...choice, problem }))
          : sendPage(reply, 400, errorPage(context, 'Регион не найден', `${problem.split('.')[0]}. Откройте показатели без параметра region.`));
      }
      const code = asked ?? world.options.region;
      if (code === null) return sendPage(reply, 200, regionChoicePage({ ...choice, problem: null }));
      const sources: IndicatorSources = {
        sandbox: sandbox.id,
        world,
        links: sandbox.state.links,
        usage: sandbox.services.libraryUsage,
        now: sandbox.clock.now(),
      };
      const report = indicatorsReport(sources, { level: 'region', region: code });
      const municipalities = indicatorsReport(sources, { level: 'municipality', region: code }).rows;
      const schools = indicatorsReport(sources, { level: 'school', region: code }).rows;
      return sendPage(reply, 200, indicatorsPage({ context, sandboxId: sandbox.id, region: report, municipalities, schools }, choice));
    }),
  );
}
