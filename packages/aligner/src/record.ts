/** A plain object (not null, not an array): wire messages and parts are read defensively as these. */
export type Rec = Record<string, unknown>;

export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
