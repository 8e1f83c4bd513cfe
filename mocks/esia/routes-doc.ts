/**
 * The ESIA simulator's endpoints as data (docs/esia.md), for the OpenAPI document: paths relative
 * to its mount point (`/esia`). The core (`simulator.ts`) dispatches them itself; this table
 * declares their parameters and answers.
 */
import { z } from 'zod';
import { routeDoc, type ResponseDoc, type RouteDoc } from '../http/route-doc.ts';
import { ClientRegistrationSchema } from './client-schema.ts';
import { TRAPS, TrapListSchema } from './traps.ts';
import { ESIA_ERROR_CODES, EsiaError, type EsiaErrorCode } from './errors.ts';

const codes = (...list: EsiaErrorCode[]) => list.map((code) => `\`ESIA-${code}\` (${new EsiaError(code).oauthError})`).join(', ');

/** Every ESIA refusal on the token endpoint, REST and the controls. */
export const EsiaErrorSchema = z
  .object({
    error: z.enum([...new Set(ESIA_ERROR_CODES.map((code) => new EsiaError(code).oauthError))] as [string, ...string[]]).describe('The OAuth 2.0 error'),
    error_description: z
      .string()
      .regex(/^ESIA-\d{6}: /)
      .describe('`ESIA-<code>: <Russian text> (<detail>)`, e.g. `ESIA-007014: Запрос не содержит обязательного параметра (client_id)`'),
    state: z.string().optional().describe("The request's state, when it had one"),
  })
  .meta({
    id: 'EsiaError',
    description: `An ESIA refusal. Codes: ${ESIA_ERROR_CODES.map((code) => `ESIA-${code} ${new EsiaError(code).oauthError}`).join('; ')}.`,
  });

const esiaError = (description: string, ...list: EsiaErrorCode[]): ResponseDoc => ({
  description: list.length > 0 ? `${description}: ${codes(...list)}` : description,
  schema: EsiaErrorSchema,
});
const page = (description: string): ResponseDoc => ({ description, type: 'html' });
const redirect = (description: string): ResponseDoc => ({ description, headers: { Location: description } });

const TIMESTAMP = z
  .string()
  .regex(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/)
  .describe('`yyyy.MM.dd HH:mm:ss +ZZZZ`; the strict profile wants it within 5 minutes of the sandbox clock');

/** What every authorize and token request carries. */
const signed = {
  client_id: z.string().describe('The client system (the demo client is `EDUSIM`)'),
  state: z.string().describe('A UUID in the strict profile'),
  timestamp: TIMESTAMP,
  client_secret: z
    .string()
    .describe(
      'The signature of the request (base64url): v1 `scope+timestamp+client_id+state`, v2 `client_id+scope+scope_org+timestamp+state+redirect_uri` (+`code`); checked in the strict profile only',
    ),
};

export const AuthorizeQuery = z.object({
  ...signed,
  redirect_uri: z.string().describe("Where the code goes; the client's registered URI (the demo client: any http(s) URL on localhost)"),
  response_type: z.literal('code'),
  scope: z.string().describe('Space-separated scopes, e.g. `openid fullname snils`'),
  scope_org: z.string().optional(),
  access_type: z.enum(['online', 'offline']).optional().describe('`offline` for a refresh token'),
  person_filter: z.enum(['conf_acc', 'acc_kid', 'acc_not_kid']).optional(),
  code_challenge: z.string().optional().describe('PKCE challenge (S256)'),
  code_challenge_method: z.literal('S256').optional(),
  permissions: z.string().optional().describe('base64url JSON of the consents to ask for on the consent screen'),
  client_certificate_hash: z.string().optional().describe('Required by v2 in the strict profile'),
});

const grant = {
  ...signed,
  scope: z.string().optional(),
  scope_org: z.string().optional(),
  redirect_uri: z.string().optional(),
};

export const TokenForm = z
  .discriminatedUnion('grant_type', [
    z.object({
      grant_type: z.literal('authorization_code'),
      ...grant,
      code: z.string().describe('The code from the redirect: single-use, 5 minutes'),
      redirect_uri: z.string().describe('The same redirect_uri as at authorize'),
      code_verifier: z.string().optional().describe('PKCE verifier, when authorize had a code_challenge'),
    }),
    z.object({ grant_type: z.literal('refresh_token'), ...grant, refresh_token: z.string().describe('Spent on use; a new one comes back') }),
    z.object({ grant_type: z.literal('client_credentials'), ...grant, scope: z.string().describe('System scopes, e.g. `prm_chg`, `edusim_diary`') }),
  ])
  .meta({ id: 'EsiaTokenForm' });

export const EsiaTokenSchema = z
  .object({
    access_token: z.string().describe('RS256 JWT (`sbt: access`), 3600 s'),
    id_token: z.string().optional().describe('With `openid`'),
    refresh_token: z.string().optional().describe('With `access_type=offline` or a refresh grant'),
    state: z.string().nullable(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
  })
  .meta({ id: 'EsiaToken' });

const JwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string() })) }).meta({ id: 'Jwks' });

const DiscoverySchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  end_session_endpoint: z.string(),
  response_types_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()),
});

/** ESIA's collection shape: links without `embed`, the elements with it. */
const collection = (element: z.ZodType) =>
  z.object({
    stateFacts: z.array(z.string()),
    size: z.number().int(),
    eTag: z.string().describe('40 upper-case hex digits'),
    elements: z.array(z.union([z.string().describe('A link to the element'), element])),
  });

const PersonSchema = z
  .looseObject({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    middleName: z.string().optional(),
    birthDate: z.string().optional().describe('dd.MM.yyyy'),
    gender: z.string().optional(),
    snils: z.string().optional(),
    trusted: z.boolean().optional(),
  })
  .meta({ id: 'EsiaPerson', description: 'A person, fields filtered by the scopes of the token' });

const OidParams = z.object({ oid: z.string().regex(/^\d+$/).describe("The person's oid: the token's own subject") });
const KidParams = OidParams.extend({ kidId: z.string().describe("The child's id, from the kids collection") });
const EmbedQuery = z.object({
  embed: z.string().optional().describe('`(elements)` for the elements instead of links; on the person, e.g. `(contacts.elements)`'),
});

const REST_ERRORS = {
  401: esiaError('No valid access token of this sandbox', '007019'),
  403: esiaError('The token may not read this (another person, a missing scope)', '007019'),
  404: esiaError('No such resource', '007003'),
};

const ELEMENT = { stateFacts: z.array(z.string()).describe('["Identifiable"]'), id: z.number().int(), eTag: z.string().describe('40 upper-case hex digits') };
const ContactSchema = z
  .looseObject({ ...ELEMENT, type: z.string().describe('EML, MBT, CEM (work e-mail); PHN, CPH exist in ESIA'), vrfStu: z.string(), value: z.string() })
  .meta({ id: 'EsiaContact' });
const AddressSchema = z
  .looseObject({ ...ELEMENT, type: z.string().describe('PRG registration, PLV residence'), addressStr: z.string(), fiasCode: z.string().describe('UUID') })
  .meta({ id: 'EsiaAddress' });
const DocumentSchema = z
  .looseObject({ ...ELEMENT, type: z.string().describe('RF_PASSPORT, RF_BRTH_CERT'), series: z.string(), number: z.string() })
  .meta({ id: 'EsiaDocument' });

/** One element of a collection, at the URL the collection links to; an unknown id is 404 ESIA-007003. */
const one = (path: string, operationId: string, summary: string, schema: z.ZodType, params: z.ZodObject = OidParams): RouteDoc =>
  routeDoc({
    method: 'GET',
    path,
    system: 'esia',
    operationId,
    summary,
    params: params.extend({ id: z.string().regex(/^\d+$/).describe("The element's id") }),
    responses: { 200: { description: summary, schema }, ...REST_ERRORS },
    security: ['esiaBearer'],
  });

const sub = (path: string, operationId: string, summary: string, element: z.ZodType, params: z.ZodObject = OidParams): RouteDoc =>
  routeDoc({
    method: 'GET',
    path,
    system: 'esia',
    operationId,
    summary,
    params,
    query: EmbedQuery,
    responses: { 200: { description: summary, schema: collection(element) }, ...REST_ERRORS },
    security: ['esiaBearer'],
  });

/** A registered client system as `/sim/clients` answers it. */
export const ClientViewSchema = z
  .object({
    clientId: z.string(),
    redirectUris: z.array(z.string()),
    scopes: z.array(z.string()),
    hasKey: z.boolean(),
    certificateHash: z.string().nullable(),
    revision: z.number().int(),
  })
  .meta({ id: 'EsiaClient' });
const ClientIdParams = z.object({ clientId: z.string().describe('The client system') });
const ClientBody = ClientRegistrationSchema.meta({ id: 'ClientRegistration' });
const TrapViewSchema = z
  .object({
    queued: z.array(z.enum(TRAPS)),
    served: z.array(z.object({ trap: z.enum(TRAPS), state: z.string().describe('The state of the attempt it was served on'), at: z.string() })),
  })
  .meta({ id: 'EsiaTraps' });
const CONTROL = ['adminToken', 'sandboxSecret'] as const;

const authorize = (path: string, version: string, operationId: string): RouteDoc =>
  routeDoc({
    method: 'GET',
    path,
    system: 'esia',
    operationId,
    summary: `Authorize (${version}): shows the login page`,
    description:
      'Errors before the client and its redirect_uri are trusted are answered here (JSON, or a page when the browser accepts HTML); after that they go back to redirect_uri as `error`, `error_description` and `state`.',
    query: AuthorizeQuery,
    responses: {
      200: page('The login page: choose a persona or find a person'),
      302: redirect('Back to redirect_uri with `error`, `error_description`, `state`'),
      400: esiaError('Bad request before redirect_uri is trusted', '007002', '007003', '007006', '007009', '007013', '007014', '007015', '007023', '007053'),
    },
  });

const token = (path: string, version: string, operationId: string): RouteDoc =>
  routeDoc({
    method: 'POST',
    path,
    system: 'esia',
    operationId,
    summary: `Token endpoint (${version}): authorization_code, refresh_token, client_credentials`,
    body: TokenForm,
    bodyType: 'form',
    responses: {
      200: { description: 'Tokens', schema: EsiaTokenSchema },
      400: esiaError('Refused', '007002', '007003', '007006', '007011', '007012', '007013', '007014', '007015', '007038', '007039', '007040', '007053'),
      413: esiaError('Body larger than 64 KiB', '007038'),
    },
  });

export const ESIA_ROUTES: readonly RouteDoc[] = [
  authorize('/aas/oauth2/v2/ac', 'v2', 'esiaAuthorizeV2'),
  authorize('/aas/oauth2/ac', 'v1', 'esiaAuthorizeV1'),
  token('/aas/oauth2/v3/te', 'v2', 'esiaTokenV3'),
  token('/aas/oauth2/te', 'v1', 'esiaTokenV1'),
  routeDoc({
    method: 'POST',
    path: '/login',
    system: 'esia',
    operationId: 'esiaLoginForm',
    summary: 'The login form: log in as a persona or a person found',
    body: z.object({
      request: z.string().describe('The pending authorization the page carries'),
      persona: z.string().optional().describe('A persona handle, e.g. `teacher-with-rights`'),
      oid: z.string().optional(),
      snils: z.string().optional(),
      lastName: z.string().optional(),
      firstName: z.string().optional(),
      middleName: z.string().optional(),
      birthDate: z.string().optional(),
    }),
    bodyType: 'form',
    responses: {
      200: page('The consent screen, when the client asked for permissions'),
      302: redirect('To redirect_uri with the code (or the error), and the browser session cookie'),
      400: page('The login page again with what was wrong, or an error page for a stale request'),
    },
  }),
  routeDoc({
    method: 'POST',
    path: '/consent',
    system: 'esia',
    operationId: 'esiaConsentForm',
    summary: 'The consent screen: allow or refuse the permissions asked for',
    body: z.object({ request: z.string(), login: z.string().describe('The login proof the screen carries'), decision: z.enum(['allow', 'deny']) }),
    bodyType: 'form',
    responses: {
      302: redirect('To redirect_uri with the code, or with ESIA-007004 when refused or when the law does not let this person consent'),
      400: page('Stale request or unconfirmed login'),
    },
  }),
  routeDoc({
    method: 'GET',
    path: '/idp/ext/Logout',
    system: 'esia',
    operationId: 'esiaLogout',
    summary: 'End the browser session',
    query: z.object({ client_id: z.string(), redirect_url: z.string().optional().describe("Where to go afterwards: on one of the client's redirect origins") }),
    responses: { 200: page('Logged out'), 302: redirect('To redirect_url'), 400: page('Unknown client or a redirect_url not allowed') },
  }),
  routeDoc({
    method: 'GET',
    path: '/rs/prns/:oid',
    system: 'esia',
    operationId: 'esiaPerson',
    summary: "The token's subject: the person, fields by scope",
    params: OidParams,
    query: EmbedQuery,
    responses: { 200: { description: 'The person', schema: PersonSchema }, ...REST_ERRORS },
    security: ['esiaBearer'],
  }),
  sub('/rs/prns/:oid/ctts', 'esiaPersonContacts', 'Contacts (scope contacts, email or mobile)', ContactSchema),
  sub('/rs/prns/:oid/addrs', 'esiaPersonAddresses', 'Addresses (scope addresses)', AddressSchema),
  sub('/rs/prns/:oid/docs', 'esiaPersonDocuments', 'Documents (scope id_doc or birth_cert_doc)', DocumentSchema),
  one('/rs/prns/:oid/ctts/:id', 'esiaPersonContact', 'One contact (the URL the contacts collection links to)', ContactSchema),
  one('/rs/prns/:oid/addrs/:id', 'esiaPersonAddress', 'One address', AddressSchema),
  one('/rs/prns/:oid/docs/:id', 'esiaPersonDocument', 'One document', DocumentSchema),
  sub('/rs/prns/:oid/roles', 'esiaPersonRoles', 'Roles in organisations', z.looseObject({ oid: z.number() })),
  sub('/rs/prns/:oid/orgs', 'esiaPersonOrganisations', 'Links to the organisations of the roles', z.string()),
  sub('/rs/prns/:oid/kids', 'esiaPersonKids', "A parent's children (kid_* scopes)", PersonSchema),
  routeDoc({
    method: 'GET',
    path: '/rs/prns/:oid/kids/:kidId',
    system: 'esia',
    operationId: 'esiaPersonKid',
    summary: 'One child of the parent (kid_* scopes)',
    params: KidParams,
    responses: { 200: { description: 'The child', schema: PersonSchema }, ...REST_ERRORS },
    security: ['esiaBearer'],
  }),
  sub('/rs/prns/:oid/kids/:kidId/docs', 'esiaPersonKidDocuments', "A child's birth certificate (kid_birth_cert_doc)", DocumentSchema, KidParams),
  one('/rs/prns/:oid/kids/:kidId/docs/:id', 'esiaPersonKidDocument', "One of a child's documents", DocumentSchema, KidParams),
  routeDoc({
    method: 'GET',
    path: '/rs/orgs/:orgOid',
    system: 'esia',
    operationId: 'esiaOrganisation',
    summary: 'A school as an organisation',
    params: z.object({ orgOid: z.string().regex(/^\d+$/) }),
    responses: { 200: { description: 'The organisation', schema: z.looseObject({ oid: z.number(), shortName: z.string().optional() }) }, ...REST_ERRORS },
    security: ['esiaBearer'],
  }),
  routeDoc({
    method: 'GET',
    path: '/.well-known/jwks.json',
    system: 'esia',
    operationId: 'esiaJwks',
    summary: "The sandbox's public signing keys",
    responses: { 200: { description: 'JWKS (kids `edusim-<sandbox>-<n>`)', schema: JwksSchema } },
  }),
  routeDoc({
    method: 'GET',
    path: '/.well-known/openid-configuration',
    system: 'esia',
    operationId: 'esiaDiscovery',
    summary: 'OpenID discovery (a simulator extra: the real ESIA publishes none)',
    responses: { 200: { description: 'Discovery document with URLs in the form the request came in', schema: DiscoverySchema } },
  }),
  routeDoc({
    method: 'POST',
    path: '/sim/login',
    system: 'esia',
    operationId: 'esiaSimLogin',
    summary: 'edusim: headless login, tokens as after a real login',
    body: z.object({
      persona: z.string().optional().describe('A persona handle'),
      oid: z.union([z.number().int(), z.string()]).optional(),
      client_id: z.string().optional().describe('Default: the demo client'),
      scope: z.string().optional().describe('Default: `openid fullname birthdate gender snils`'),
      access_type: z.enum(['online', 'offline']).optional(),
      consent: z.boolean().optional().describe('Also grant the data-transfer consent to «Моя школа», by whoever the law allows'),
    }),
    responses: {
      200: { description: 'Tokens', schema: EsiaTokenSchema },
      400: esiaError('Refused', '007002', '007004', '007006', '007038'),
    },
    security: CONTROL,
  }),
  routeDoc({
    method: 'GET',
    path: '/sim/session',
    system: 'esia',
    operationId: 'esiaSimSession',
    summary: "edusim: log in for one of the sandbox's own pages, then return there",
    query: z.object({ return: z.string().describe('A page of the same sandbox (e.g. the consent page)') }),
    responses: { 200: page('The login page'), 400: page('return is not a page of this sandbox') },
  }),
  routeDoc({
    method: 'POST',
    path: '/sim/keys/rotate',
    system: 'esia',
    operationId: 'esiaSimRotateKeys',
    summary: 'edusim: rotate the signing keys (both published)',
    responses: { 200: { description: 'The keys now', schema: JwksSchema } },
    security: CONTROL,
  }),
  routeDoc({
    method: 'GET',
    path: '/sim/traps',
    system: 'esia',
    operationId: 'esiaSimTraps',
    summary: 'edusim: the traps queued for the next logins and those served (with each attempt’s state)',
    responses: { 200: { description: 'Queued and served traps', schema: TrapViewSchema } },
    security: CONTROL,
  }),
  routeDoc({
    method: 'POST',
    path: '/sim/traps',
    system: 'esia',
    operationId: 'esiaSimSetTraps',
    summary: 'edusim: queue traps, one per coming login (replaces the queue, forgets what was served)',
    body: TrapListSchema.meta({ id: 'EsiaTrapList' }),
    responses: {
      200: { description: 'Queued and served traps', schema: TrapViewSchema },
      400: esiaError('An unknown trap', '007003', '007038'),
      415: esiaError('Not application/json', '007038'),
    },
    security: CONTROL,
  }),
  routeDoc({
    method: 'DELETE',
    path: '/sim/traps',
    system: 'esia',
    operationId: 'esiaSimClearTraps',
    summary: 'edusim: empty the trap queue and what was served',
    responses: { 200: { description: 'Queued and served traps (none)', schema: TrapViewSchema } },
    security: CONTROL,
  }),
  routeDoc({
    method: 'GET',
    path: '/sim/clients',
    system: 'esia',
    operationId: 'esiaSimListClients',
    summary: 'edusim: the registered client systems',
    responses: { 200: { description: 'Each client with its revision', schema: z.array(ClientViewSchema) } },
    security: CONTROL,
  }),
  routeDoc({
    method: 'POST',
    path: '/sim/clients',
    system: 'esia',
    operationId: 'esiaSimRegisterClient',
    summary: 'edusim: register a client system',
    body: ClientBody,
    responses: {
      201: { description: 'Registered', schema: ClientViewSchema, headers: { ETag: 'The revision' } },
      400: esiaError('A field is wrong', '007003', '007038'),
      409: esiaError('The clientId is taken, or the sandbox has as many clients as it keeps', '007003'),
      415: esiaError('Not application/json', '007038'),
    },
    security: CONTROL,
  }),
  routeDoc({
    method: 'GET',
    path: '/sim/clients/:clientId',
    system: 'esia',
    operationId: 'esiaSimGetClient',
    summary: 'edusim: one client system',
    params: ClientIdParams,
    responses: { 200: { description: 'The client', schema: ClientViewSchema, headers: { ETag: 'The revision' } }, 404: esiaError('No such client', '007002') },
    security: CONTROL,
  }),
  routeDoc({
    method: 'PUT',
    path: '/sim/clients/:clientId',
    system: 'esia',
    operationId: 'esiaSimReplaceClient',
    summary: 'edusim: replace a client system (If-Match its revision)',
    params: ClientIdParams,
    headers: z.object({ 'if-match': z.string().describe('The revision read, e.g. `"1"`') }),
    body: ClientBody,
    responses: {
      200: { description: 'Replaced', schema: ClientViewSchema, headers: { ETag: 'The new revision' } },
      400: esiaError('A field is wrong', '007003', '007038'),
      403: esiaError('The demo client EDUSIM cannot be replaced', '007003'),
      404: esiaError('No such client', '007002'),
      412: esiaError('Stale or malformed If-Match', '007003'),
      428: esiaError('If-Match missing', '007003'),
    },
    security: CONTROL,
  }),
  routeDoc({
    method: 'DELETE',
    path: '/sim/clients/:clientId',
    system: 'esia',
    operationId: 'esiaSimDeleteClient',
    summary: 'edusim: delete a client system (If-Match its revision)',
    params: ClientIdParams,
    headers: z.object({ 'if-match': z.string() }),
    responses: {
      204: { description: 'Deleted' },
      403: esiaError('The demo client EDUSIM cannot be deleted', '007003'),
      404: esiaError('No such client', '007002'),
      412: esiaError('Stale or malformed If-Match', '007003'),
      428: esiaError('If-Match missing', '007003'),
    },
    security: CONTROL,
  }),
];
