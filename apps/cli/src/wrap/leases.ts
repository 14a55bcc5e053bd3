import { request } from '../io/http.js';

/** Takes a lease on a lease-mode proxy: it stays up while a wrap holds one (cli.md §10 step 2). */
export async function takeLease(proxy: string, agent: string): Promise<boolean> {
  const res = await request(`${proxy}/admin/leases`, { method: 'POST', body: { pid: process.pid, agent } });
  return res?.ok === true;
}

export async function releaseLease(proxy: string): Promise<void> {
  await request(`${proxy}/admin/leases/${process.pid}`, { method: 'DELETE' });
}
