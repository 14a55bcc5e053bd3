import { homedir } from 'node:os';
import type { Check, CheckResult, DoctorContext } from '../doctor/check.js';
import { linguaModelCheck, onnxCheck, treeSitterCheck } from '../doctor/checks/engines.js';
import { nodeCheck, packagesCheck, tokenizerCheck } from '../doctor/checks/runtime.js';
import { agentSettingsCheck, envCheck, proxyCheck, storeCheck } from '../doctor/checks/services.js';
import { EXIT } from '../io/errors.js';
import { proxyUrl } from '../io/http.js';
import { writeJson, writeOut } from '../io/output.js';
import { useColor } from '../io/tty.js';
import type { DoctorJson } from '../schemas.js';

export interface DoctorFlags {
  json?: boolean;
  proxy?: string;
  store?: string;
  strict?: boolean;
  config?: string;
  color?: boolean;
}

const CHECKS: Check[] = [
  nodeCheck,
  packagesCheck,
  tokenizerCheck,
  treeSitterCheck,
  onnxCheck,
  linguaModelCheck,
  storeCheck,
  proxyCheck,
  envCheck,
  agentSettingsCheck,
];

const SYMBOL = { ok: '✓', warn: '!', fail: '✗', info: '·' } as const;
const COLOUR = { ok: 32, warn: 33, fail: 31, info: 2 } as const;

function table(checks: CheckResult[], color: boolean): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  return checks
    .map((c) => {
      const mark = color ? `\u001b[${COLOUR[c.status]}m${SYMBOL[c.status]}\u001b[0m` : c.status.padEnd(4);
      const line = `${mark} ${c.id.padEnd(width)}  ${c.summary}`;
      return c.hint && c.status !== 'ok'
        ? `${line}\n${' '.repeat(width + (color ? 4 : 7))}hint: ${c.hint}`
        : line;
    })
    .join('\n');
}

/** Every check, in order; exit 1 on a fail (or a warn with --strict). */
export async function run(flags: DoctorFlags): Promise<number> {
  const ctx: DoctorContext = {
    proxyUrl: proxyUrl(flags.proxy),
    env: process.env,
    home: process.env.HOME || homedir(),
    ...(flags.store ? { storeFlag: flags.store } : {}),
    ...(flags.config ? { configPath: flags.config } : {}),
  };
  const checks = (await Promise.all(CHECKS.map((check) => check(ctx)))).flat();
  const failed = checks.some((c) => c.status === 'fail' || (flags.strict && c.status === 'warn'));
  const report: DoctorJson = { ok: !failed, checks };
  if (flags.json) await writeJson(report);
  else await writeOut(`${table(checks, flags.color !== false && useColor())}\n`);
  return failed ? EXIT.failure : EXIT.ok;
}
