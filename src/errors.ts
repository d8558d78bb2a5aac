// Typed errors. Library code throws these; only cli/ turns them into exit codes
// and messages on stderr.

export type ErrorCode =
  | 'DICT_FORMAT' // a dictionary line is malformed
  | 'DICT_DUPLICATE' // an id is defined twice
  | 'DICT_READ' // a dictionary file cannot be read
  | 'INPUT_MISSING'
  | 'INPUT_UNREADABLE'
  | 'INPUT_BINARY'
  | 'INPUT_ENCODING'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_EMPTY_DIR'
  | 'INPUT_NO_MATCH'
  | 'USAGE';

export class KashfError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KashfError';
    this.code = code;
  }
}
