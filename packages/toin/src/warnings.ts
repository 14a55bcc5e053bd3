/** Something TOIN recovered from: it never throws to a caller, it says what happened instead. */
export interface ToinWarning {
  code:
    | 'corrupt_state'
    | 'newer_version'
    | 'load_failed'
    | 'save_failed'
    | 'snapshot_failed'
    | 'import_rejected'
    | 'invalid_patterns'
    | 'self_import'
    | 'too_many_origins'
    | 'config_mismatch';
  message: string;
}

export type WarningSink = (warning: ToinWarning) => void;

/** Node's process warnings: printed to stderr once per process by default, never to stdout. */
export const processWarning: WarningSink = (w) => {
  process.emitWarning(w.message, { type: 'HeadroomToinWarning', code: `TOIN_${w.code.toUpperCase()}` });
};
