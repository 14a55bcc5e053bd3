import { readFile } from 'node:fs/promises';
import { CliError, messageOf, usageError } from './errors.js';

const MAX_BYTES = 64 * 1024 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_BYTES) throw new CliError('input is larger than 64 MiB');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The raw bytes of FILE, or of stdin for `-` / no FILE; a terminal on stdin is a usage error. */
export async function readInputBytes(file: string | undefined): Promise<Buffer> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw usageError('no input: pass FILE or pipe data on stdin');
    return readStdin();
  }
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_BYTES) throw new CliError(`${file} is larger than 64 MiB`);
    return bytes;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${messageOf(error)}`);
  }
}

/** Strict UTF-8: a BOM and CRLF are kept as they are, invalid bytes are an error (exit 1). */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CliError(`${name} is not valid UTF-8`);
  }
}

export async function readInputText(file: string | undefined): Promise<string> {
  return decodeUtf8(await readInputBytes(file), file === undefined || file === '-' ? 'stdin' : file);
}
