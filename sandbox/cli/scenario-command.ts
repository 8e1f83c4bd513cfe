/** `edusim scenario list|apply`: named jumps of a sandbox's state. */
import { Command } from 'commander';
import { defaultUrl } from './running.ts';
import { adminRequest, print, type ClientFlags } from './admin-client.ts';

export function scenarioCommand(): Command {
  const scenario = new Command('scenario').description('list and apply scenarios (consent revoked, parent linked, diary down, …)');
  scenario
    .command('list')
    .description('the scenarios and their parameters')
    .option('--url <url>', 'the running edusim', defaultUrl())
    .option('--json', 'print JSON')
    .action(async (flags: ClientFlags) => {
      const { scenarios } = await adminRequest<{ scenarios: { name: string; title: string; params: string }[] }>(flags, 'GET', '/_edusim/scenarios');
      print(flags, scenarios, scenarios.map((s) => `${s.name}\t${s.params}\t${s.title}`).join('\n'));
    });
  scenario
    .command('apply')
    .argument('<name>', 'the scenario (see `edusim scenario list`)')
    .description('apply a scenario to a sandbox')
    .option('--sandbox <id>', 'the sandbox (default: the default sandbox)', 'default')
    .option('--persona <handle>', 'who it acts on')
    .option('--oid <oid>', 'who it acts on, by ESIA oid')
    .option('--region <code>', 'the region (diary scenarios)')
    .option('--url <url>', 'the running edusim', defaultUrl())
    .option('--json', 'print JSON')
    .action(async (name: string, flags: ClientFlags & { sandbox: string; persona?: string; oid?: string; region?: string }) => {
      const params = {
        ...(flags.persona ? { persona: flags.persona } : {}),
        ...(flags.oid ? { oid: flags.oid } : {}),
        ...(flags.region ? { region: flags.region } : {}),
      };
      const outcome = await adminRequest<{ scenario: string; done: string }>(
        flags,
        'POST',
        `/_edusim/sandboxes/${encodeURIComponent(flags.sandbox)}/scenarios`,
        { name, params },
      );
      print(flags, outcome, outcome.done);
    });
  return scenario;
}
