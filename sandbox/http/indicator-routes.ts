/**
 * `GET /_edusim/sandboxes/<id>/indicators`: the region's indicators as of the sandbox clock
 * (docs/indicators.md). Declared once (api-routes.ts): the same schemas validate and document it.
 */
import type { FastifyInstance } from 'fastify';
import { IndicatorInputError } from '../indicators/child-account-share.ts';
import { indicatorsReport } from '../indicators/report.ts';
import { IndicatorsQuerySchema, IndicatorsReportSchema } from '../indicators/schema.ts';
import type { SandboxRegistry } from '../registry.ts';
import { SpecError } from '../spec.ts';
import { AdminErrorSchema, SandboxIdParams } from './admin-schemas.ts';
import { adminHandler, defineRoute, registerRoutes } from './api-routes.ts';

export function registerIndicatorRoutes(app: FastifyInstance, registry: SandboxRegistry): void {
  registerRoutes(app, [
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/sandboxes/:id/indicators',
        system: 'admin',
        operationId: 'getIndicators',
        summary: "The region's indicators as of the sandbox clock: child-account share, ЦОК usage, content demand, activity",
        params: SandboxIdParams,
        query: IndicatorsQuerySchema.meta({
          description: 'level (region | municipality | school, default region); region (default the world’s); period (30 | 365 days, default 30)',
        }),
        responses: {
          200: {
            description: 'One row per region, municipality or school, and the ranking of the region’s schools by activity',
            schema: IndicatorsReportSchema,
          },
          400: { description: 'A field is wrong: the message names it and what is accepted', schema: AdminErrorSchema },
          404: { description: 'No such sandbox', schema: AdminErrorSchema },
        },
        security: ['adminToken', 'sandboxSecret'],
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const query = input.query();
        try {
          return indicatorsReport(
            {
              sandbox: sandbox.id,
              world: sandbox.world,
              links: sandbox.state.links,
              usage: sandbox.services.libraryUsage,
              logins: sandbox.logins.lastLogins(sandbox.clock.now()),
              now: sandbox.clock.now(),
            },
            query,
          );
        } catch (error) {
          if (error instanceof IndicatorInputError) throw new SpecError(`${input.where}: ${error.message}`);
          throw error;
        }
      }),
    ),
  ]);
}
