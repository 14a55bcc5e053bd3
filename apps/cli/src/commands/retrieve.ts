import { isCcrHash, isHeadroomError } from '@headroom/core';
import { CliError, EXIT, messageOf, usageError } from '../io/errors.js';
import { request } from '../io/http.js';
import { writeOut } from '../io/output.js';

export interface RetrieveFlags {
  store?: string;
  proxy?: string;
  config?: string;
}

const EXPIRY_HINT =
  'originals expire 7 d after last use (24 h for proxy entries; HEADROOM_CCR_TTL); re-run the producing command';

/** Writes the exact original bytes behind HASH: no newline added, so a checksum matches the original. */
export async function run(hash: string, flags: RetrieveFlags): Promise<number> {
  if (!isCcrHash(hash)) throw usageError(`not a Headroom hash: ${hash}`);
  const { openCliStore } = await import('../store.js');
  const opened = await openCliStore(flags);
  let original: string | undefined;
  let unavailable: string | undefined;
  try {
    original = (await opened.store.get(hash))?.original;
  } catch (error) {
    if (!isHeadroomError(error, 'STORE_UNAVAILABLE')) throw error;
    unavailable = messageOf(error);
  } finally {
    await opened.store.close();
  }
  if (original === undefined && flags.proxy !== undefined) {
    const res = await request(`${flags.proxy.replace(/\/+$/, '')}/v1/retrieve/${hash}`);
    if (res?.ok) {
      await writeOut(new Uint8Array(await res.arrayBuffer()));
      return EXIT.ok;
    }
  }
  if (original !== undefined) {
    await writeOut(Buffer.from(original, 'utf8'));
    return EXIT.ok;
  }
  if (unavailable !== undefined) throw new CliError(`store unavailable: ${unavailable}`);
  throw new CliError(`no original stored for hash ${hash} in ${opened.shown} (unknown or expired)`, {
    hint: EXPIRY_HINT,
  });
}
