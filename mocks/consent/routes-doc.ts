/**
 * The consent platform's endpoints as data (docs/consent-and-access.md), for the OpenAPI document:
 * paths relative to its mount point (`/consent`). The core (`routes.ts`) dispatches them itself.
 */
import { z } from 'zod';
import { routeDoc, type ResponseDoc, type RouteDoc } from '../http/route-doc.ts';
import { CONSENT_PURPOSES, MYSCHOOL_RECIPIENT } from './platform.ts';

export const ConsentErrorSchema = z
  .object({
    error: z.enum([
      'UNKNOWN_PERSON',
      'GRANTOR_NOT_ALLOWED',
      'BAD_PURPOSE',
      'BAD_EXPIRY',
      'NOT_FOUND',
      'NOT_YOURS',
      'ALREADY_REVOKED',
      'server_error',
      'not_found',
    ]),
    message: z.string().describe('In Russian, naming the rule or the field'),
  })
  .meta({ id: 'ConsentError' });

const purpose = z.enum(CONSENT_PURPOSES as unknown as [string, ...string[]]);

export const ConsentSchema = z
  .object({
    id: z.string(),
    subjectOid: z.number().int().describe('Whose data'),
    grantorOid: z.number().int().describe('Who gave it: the subject, or a parent'),
    recipient: z.string(),
    purpose,
    scopes: z.array(z.string()),
    grantedAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(['active', 'revoked', 'expired']).describe('Computed from the sandbox clock on every read'),
  })
  .meta({ id: 'Consent' });

export const GrantConsentBody = z
  .object({
    subjectOid: z.union([z.number().int(), z.string()]).optional().describe("Whose data (default: the token's subject); a parent grants for a child"),
    purpose,
    scopes: z.array(z.string()).optional(),
    recipient: z.string().optional().describe(`Default ${MYSCHOOL_RECIPIENT} («Моя школа»)`),
    expiresInMinutes: z.number().int().min(1).nullable().optional().describe('Whole minutes up to ten years; none: until revoked'),
  })
  .meta({ id: 'GrantConsent' });

const error = (description: string): ResponseDoc => ({ description, schema: ConsentErrorSchema });
const page = (description: string): ResponseDoc => ({ description, type: 'html' });
const NO_TOKEN = { 401: error('No valid ESIA access token of a person (NOT_YOURS)') };
const LOGIN = { 302: { description: "No ESIA session in this browser: to the sandbox's ESIA login and back", headers: { Location: 'ESIA /sim/session' } } };

export const CONSENT_ROUTES: readonly RouteDoc[] = [
  routeDoc({
    method: 'GET',
    path: '/consents',
    system: 'consent',
    operationId: 'consentList',
    summary: "Consents of the token's subject and of their children",
    responses: { 200: { description: 'The consents', schema: z.object({ consents: z.array(ConsentSchema) }) }, ...NO_TOKEN },
    security: ['esiaBearer'],
  }),
  routeDoc({
    method: 'POST',
    path: '/consents',
    system: 'consent',
    operationId: 'consentGrant',
    summary: 'Grant a consent (renews an active one of the same purpose in place)',
    description: 'Who may grant for whom follows the age rules: under 14 the parent only, 14–17 the parent or the teenager, 18+ the person alone.',
    body: GrantConsentBody,
    responses: {
      201: { description: 'Granted', schema: ConsentSchema },
      400: error('BAD_PURPOSE or BAD_EXPIRY'),
      ...NO_TOKEN,
      403: error('GRANTOR_NOT_ALLOWED: the rule that refuses, in Russian'),
      404: error('UNKNOWN_PERSON'),
    },
    security: ['esiaBearer'],
  }),
  routeDoc({
    method: 'POST',
    path: '/consents/:id/revoke',
    system: 'consent',
    operationId: 'consentRevoke',
    summary: 'Revoke a consent (the subject, the grantor or a parent)',
    params: z.object({ id: z.string().regex(/^[\w-]+$/) }),
    responses: {
      200: { description: 'Revoked', schema: ConsentSchema },
      ...NO_TOKEN,
      403: error('NOT_YOURS'),
      404: error('NOT_FOUND'),
      409: error('ALREADY_REVOKED'),
    },
    security: ['esiaBearer'],
  }),
  routeDoc({
    method: 'GET',
    path: '/page',
    system: 'consent',
    operationId: 'consentPage',
    summary: "The logged-in person's consents and their children's, to revoke",
    query: z.object({ oid: z.string().optional().describe('Show one family member (only oneself or a child)') }),
    responses: { 200: page('The page'), ...LOGIN, 403: page("Another person's page") },
    security: ['esiaSession'],
  }),
  routeDoc({
    method: 'POST',
    path: '/page/revoke',
    system: 'consent',
    operationId: 'consentPageRevoke',
    summary: 'Revoke from the page',
    body: z.object({ id: z.string() }),
    bodyType: 'form',
    responses: {
      302: { description: 'Back to the page (or to the ESIA login without a session)', headers: { Location: 'The page' } },
      403: page('Not yours nor your children’s'),
      409: page('Already revoked'),
    },
    security: ['esiaSession'],
  }),
];
