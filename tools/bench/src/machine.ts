import { arch, cpus, platform } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  platform: string;
  arch: string;
  node: string;
  /** YYYY-MM-DD, UTC. */
  date: string;
}

export function currentMachine(date = new Date()): Machine {
  const list = cpus();
  return {
    cpu: (list[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    cores: list.length,
    platform: platform(),
    arch: arch(),
    node: process.version,
    date: date.toISOString().slice(0, 10),
  };
}

/** `AMD EPYC 7B13 (2 cores), linux x64, Node v20.20.2, 2025-06-01`. */
export function formatMachine(m: Machine): string {
  return `${m.cpu} (${m.cores} ${m.cores === 1 ? 'core' : 'cores'}), ${m.platform} ${m.arch}, Node ${m.node}, ${m.date}`;
}
