export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

export interface CheckResult {
  id: string;
  status: CheckStatus;
  summary: string;
  /** The fix-it line printed under a non-ok row. */
  hint?: string;
}

export interface DoctorContext {
  storeFlag?: string;
  configPath?: string;
  proxyUrl: string;
  env: NodeJS.ProcessEnv;
  home: string;
}

export type Check = (ctx: DoctorContext) => Promise<CheckResult | CheckResult[]>;

export function result(id: string, status: CheckStatus, summary: string, hint?: string): CheckResult {
  return { id, status, summary, ...(hint === undefined ? {} : { hint }) };
}
