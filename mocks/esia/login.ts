/**
 * Completing a pending authorization: pick the person (persona, oid, SNILS or name), apply
 * person_filter, ask for consent when `permissions` were requested, then issue the code.
 */
import { createHmac } from 'node:crypto';
import { findPersona, PERSONAS, type Person } from '../../seeds/index.ts';
import { MYSCHOOL_RECIPIENT } from '../consent/platform.ts';
import type { EsiaContext } from './context.ts';
import { EsiaError } from './errors.ts';
import { CODE_TTL_MS, type PendingAuthorization } from './stores.ts';
import { newSessionId, signAuthorizationCode } from './tokens.ts';
import type { PersonaChoice } from './pages.ts';

export function personaChoices(ctx: EsiaContext): PersonaChoice[] {
  return PERSONAS.map((definition) => {
    const { person } = findPersona(ctx.world, definition.handle);
    return { definition, fullName: `${person.lastName} ${person.firstName} ${person.middleName}`, oid: person.account?.oid ?? null };
  });
}

export class LoginInputError extends Error {
  override readonly name = 'LoginInputError';
}

/** Finds who logs in from the login form (or the headless login's JSON). */
export function resolveLogin(ctx: EsiaContext, form: URLSearchParams): Person {
  const persona = form.get('persona');
  const oid = form.get('oid')?.trim();
  const snils = form.get('snils')?.trim();
  const lastName = form.get('lastName')?.trim();
  let person: Person | undefined;
  if (persona) {
    try {
      person = findPersona(ctx.world, persona).person;
    } catch (error) {
      throw new LoginInputError((error as Error).message);
    }
  } else if (oid) {
    if (!/^\d{1,12}$/.test(oid)) throw new LoginInputError(`oid «${oid}» — ожидаются цифры, например 1000299681`);
    person = ctx.world.personByOid(Number(oid));
    if (!person) throw new LoginInputError(`Учётная запись с oid ${oid} не найдена`);
  } else if (snils) {
    person = ctx.world.personBySnils(snils);
    if (!person) throw new LoginInputError(`Человек со СНИЛС ${snils} не найден`);
  } else if (lastName) {
    const found = ctx.world.findByName({
      lastName,
      firstName: form.get('firstName') ?? '',
      middleName: form.get('middleName') ?? '',
      birthDate: form.get('birthDate') ?? '',
      ...(ctx.world.options.region ? { region: ctx.world.options.region } : {}),
    });
    person = found.find((p) => p.account !== null) ?? found[0];
    if (!person) throw new LoginInputError('Человек с такими ФИО и датой рождения не найден');
  } else {
    throw new LoginInputError('Выберите персону или укажите oid, СНИЛС либо ФИО с датой рождения');
  }
  if (!person.account) throw new LoginInputError(`У человека ${person.lastName} ${person.firstName} нет учётной записи ЕСИА — войти нельзя`);
  return person;
}

/** person_filter (docs/esia.md «Authorize»): conf_acc refuses unconfirmed adults, acc_kid admits only child accounts. */
export function checkPersonFilter(request: PendingAuthorization, person: Person): void {
  const kid = person.account?.createdByParent === true;
  if (request.personFilter === 'conf_acc' && !kid && person.account?.level !== 'confirmed') throw new EsiaError('007055');
  if (request.personFilter === 'acc_kid' && !kid) throw new EsiaError('007004', 'person_filter=acc_kid admits only child accounts');
  if (request.personFilter === 'acc_not_kid' && kid) throw new EsiaError('007004', 'person_filter=acc_not_kid refuses child accounts');
}

/** A short-lived proof, carried by the consent form, that this person logged in for this request. */
export function loginProof(secret: string, requestId: string, oid: number): string {
  return `${oid}.${createHmac('sha256', secret).update(`${requestId}:${oid}`).digest('base64url')}`;
}

export function checkLoginProof(secret: string, requestId: string, proof: string): number | null {
  const oid = Number(proof.split('.')[0]);
  return Number.isSafeInteger(oid) && loginProof(secret, requestId, oid) === proof ? oid : null;
}

/** Records the consents the person allowed on the consent screen. */
export function recordConsents(ctx: EsiaContext, request: PendingAuthorization, person: Person): void {
  const oid = person.account?.oid ?? 0;
  for (const p of request.permissions) {
    ctx.consents.grant({
      subjectOid: oid,
      grantorOid: oid,
      recipient: request.clientId === MYSCHOOL_RECIPIENT ? MYSCHOOL_RECIPIENT : request.clientId,
      purpose: p.sysname,
      scopes: p.scopes,
      expiresInMinutes: p.expireMinutes,
    });
  }
}

/** Issues the authorization code (a signed JWT, single-use) and the redirect back to the client. */
export async function issueCodeRedirect(ctx: EsiaContext, request: PendingAuthorization, person: Person): Promise<string> {
  const now = ctx.now();
  ctx.stores.pending.delete(request.id);
  const oid = person.account?.oid ?? 0;
  const grant = {
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    oid,
    sid: newSessionId(),
    authTime: Math.floor(now.getTime() / 1000),
    accessType: request.accessType,
    codeChallenge: request.codeChallenge,
  };
  const value = await signAuthorizationCode(ctx, { ...grant, person, state: request.state }, CODE_TTL_MS / 1000, now);
  const code = ctx.stores.issueCode(grant, now.getTime(), value);
  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code.code);
  url.searchParams.set('state', ctx.traps.onCodeIssued(code.code, request.state, now));
  return url.toString();
}
