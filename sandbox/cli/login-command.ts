/** `edusim login`: a token response for a persona from a running sandbox (headless ESIA login). */
import { Command } from 'commander';
import { PERSONA_HANDLES } from '../../seeds/index.ts';
import { defaultUrl } from './running.ts';
import { adminRequest } from './admin-client.ts';
import { CliUsageError } from './errors.ts';

export function loginCommand(): Command {
  return new Command('login')
    .description('log a persona (or an oid) in through the running sandbox’s ESIA and print the token response')
    .option('--persona <handle>', `one of: ${PERSONA_HANDLES.join(', ')}`)
    .option('--oid <oid>', 'an ESIA oid instead of a persona')
    .option('--scope <scopes>', 'space-separated scopes', 'openid fullname birthdate gender snils')
    .option('--client-id <id>', 'client system (default: the demo client EDUSIM)', 'EDUSIM')
    .option('--offline', 'also issue a refresh token')
    .option('--consent', 'also record the data-transfer consent to «Моя школа» (given by the person, or by a parent for a child under 14)')
    .option('--sandbox <id>', 'the sandbox to log in to (default: the default sandbox)')
    .option('--url <url>', 'the running edusim', defaultUrl())
    .option('--json', 'print the whole token response as JSON (default prints the access token only)')
    .action(
      async (flags: {
        persona?: string;
        oid?: string;
        scope: string;
        clientId: string;
        offline?: boolean;
        consent?: boolean;
        sandbox?: string;
        url: string;
        json?: boolean;
      }) => {
        if ((flags.persona === undefined) === (flags.oid === undefined)) throw new CliUsageError('give exactly one of --persona or --oid');
        if (flags.persona !== undefined && !PERSONA_HANDLES.includes(flags.persona)) {
          throw new CliUsageError(`--persona ${JSON.stringify(flags.persona)} is not valid: expected one of ${PERSONA_HANDLES.join(', ')}`);
        }
        if (flags.oid !== undefined && !/^\d{1,12}$/.test(flags.oid))
          throw new CliUsageError(`--oid ${JSON.stringify(flags.oid)} is not valid: expected digits, e.g. 1000299681`);
        const body = {
          ...(flags.persona ? { persona: flags.persona } : { oid: Number(flags.oid) }),
          client_id: flags.clientId,
          scope: flags.scope,
          access_type: flags.offline ? 'offline' : 'online',
          consent: flags.consent === true,
        };
        const result = await adminRequest<Record<string, unknown>>(
          { url: flags.url },
          'POST',
          '/esia/sim/login',
          body,
          flags.sandbox ? { 'x-edusim-sandbox': flags.sandbox } : {},
        );
        process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${String(result['access_token'])}\n`);
      },
    );
}
