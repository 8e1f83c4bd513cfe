/**
 * Which ESIA accounts may receive registry and diary data (docs/consent-and-access.md «Which
 * accounts get data»): school systems accept only confirmed accounts and child accounts. A child
 * account is one a parent created (ESIA level KD), or a minor's own standard or confirmed account
 * that a parent linked. Links follow the sandbox's run-time state.
 */
import { ageOn, moscowDateOf, type Person } from '../seeds/index.ts';
import { addTrace, memo, type RequestContext } from './context.ts';
import { edusimError } from './errors.ts';
import { personOf, requireViewer } from './person.ts';

/** What an account is, for the rule: accepted (with why) or the level that is not enough. */
export type AccountVerdict =
  | { readonly accepted: true; readonly as: 'CONFIRMED' | 'CHILD_ACCOUNT' }
  | { readonly accepted: false; readonly level: 'SIMPLIFIED' | 'STANDARD'; readonly minor: boolean };

export function accountVerdict(person: Person, links: readonly number[], today: string): AccountVerdict {
  const account = person.account;
  if (account?.level === 'confirmed') return { accepted: true, as: 'CONFIRMED' };
  const minor = ageOn(person.birthDate, today) < 18;
  if (account?.createdByParent) return { accepted: true, as: 'CHILD_ACCOUNT' };
  if (account && minor && account.level === 'standard' && links.length > 0) return { accepted: true, as: 'CHILD_ACCOUNT' };
  return { accepted: false, level: account?.level === 'standard' ? 'STANDARD' : 'SIMPLIFIED', minor };
}

const LEVEL_NAME = { SIMPLIFIED: 'упрощённая', STANDARD: 'стандартная' } as const;

/** Russian: what to do so that school data arrive. */
function remedy(verdict: Extract<AccountVerdict, { accepted: false }>): string {
  const confirm = 'Подтвердите учётную запись на Госуслугах: в центре обслуживания (МФЦ) с паспортом или онлайн через банк.';
  if (!verdict.minor) return confirm;
  const standard = verdict.level === 'SIMPLIFIED' ? 'Укажите в профиле СНИЛС и паспорт (стандартная запись), а родитель' : 'Родитель';
  return `${standard} привязывает запись в разделе «Документы» → «Семья и дети» («Привязать»). Или: ${confirm.charAt(0).toLowerCase()}${confirm.slice(1)}`;
}

/**
 * Refuses (ACCOUNT_NOT_CONFIRMED) a viewer whose account school systems do not accept; run before
 * any registry or diary data leave.
 */
export function requireAcceptedAccount(ctx: RequestContext): void {
  const person = personOf(ctx, { oid: String(requireViewer(ctx)) });
  const links = ctx.services.state.links.get(person.id) ?? person.account?.linkedParentOids ?? [];
  const verdict = memo(ctx, `account:${person.id}`, () => accountVerdict(person, links, moscowDateOf(ctx.services.now())));
  if (verdict.accepted) return;
  memo(ctx, `trace-account:${person.id}`, () =>
    addTrace(ctx, { step: 'registry', ok: false, detail: `учётная запись ЕСИА ${LEVEL_NAME[verdict.level]}: данные реестра и дневника ей не передаются` }),
  );
  throw edusimError(
    'ACCOUNT_NOT_CONFIRMED',
    `Учётная запись на Госуслугах ${LEVEL_NAME[verdict.level]}: данные реестра и дневника передаются только подтверждённым и детским учётным записям. ${remedy(verdict)}`,
    { accountLevel: verdict.level, accepted: ['CONFIRMED', 'CHILD_ACCOUNT'] },
  );
}
