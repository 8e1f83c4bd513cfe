/**
 * The trap queue over HTTP (a control, not a real ESIA endpoint; docs/verify.md «ESIA client»):
 *   GET    /sim/traps   what is queued and what was served, each with the attempt's `state`
 *   POST   /sim/traps   `{"traps": ["wrong-iss", …]}`: replaces the queue, forgets what was served
 *   DELETE /sim/traps   empties both
 */
import { zodProblem } from '../http/problem.ts';
import { json, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import { EsiaError } from './errors.ts';
import { TRAPS, TrapListSchema, type EsiaTraps } from './traps.ts';

const USAGE = `{"traps": [${TRAPS.map((t) => `"${t}"`).join(', ')}]}`;

export function trapAdmin(traps: EsiaTraps, request: SimRequest): SimResponse {
  if (request.method === 'GET') return json(200, traps.view());
  if (request.method === 'DELETE') {
    traps.clear();
    return json(200, traps.view());
  }
  if (request.method !== 'POST') throw new EsiaError('007003', `${request.method} /sim/traps: use GET, POST or DELETE`, 405);
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json'))
    throw new EsiaError('007038', `Content-Type must be application/json, got "${type || 'none'}": ${USAGE}`, 415);
  let body: unknown;
  try {
    body = JSON.parse(request.body ?? '');
  } catch {
    throw new EsiaError('007038', `the body must be JSON: ${USAGE}`);
  }
  const parsed = TrapListSchema.safeParse(body);
  if (!parsed.success) throw new EsiaError('007003', zodProblem(parsed.error, undefined, [USAGE]));
  traps.set(parsed.data.traps);
  return json(200, traps.view());
}
