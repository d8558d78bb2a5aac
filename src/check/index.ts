// `kashf check`: golden-file regression checks. A fixture `NAME.txt` is run
// through the extraction with default options and compared with
// `NAME.expected.json` beside it. This folder holds the pure parts — naming,
// the expected file's exact form, the comparison and its text; reading and
// writing files and exit codes are the CLI's (cli/commands/check.ts).

export { EXPECTED_SUFFIX, expectedPathFor, isFixture } from './naming.js';
export { ExpectedFileError, parseExpected, serializeExpected, toExpected, type ExpectedErrorCode } from './expected.js';
export { countChanges, diffDocuments, flattenQuotes, type Change, type Difference, type FieldChange, type FlatQuote } from './diff.js';
export { formatDifferences, quoted, type Display } from './report.js';
