/** I/O at the edges: atomic file and directory writes, output-target checks, stdout, CSV. */
export {
  writeFileAtomic,
  writeFilesAtomic,
  writeDirectoryAtomic,
  makeDirectories,
  checkOutputFile,
  checkOutputFileIn,
  checkOutputDirectory,
  foreignFile,
  MANIFEST_NAME,
  OutputTargetError,
  registerTemporary,
  releaseTemporary,
  removePendingTemporaries,
  pendingTemporaries,
  type DirectoryFile,
  type OutputFile,
} from './atomic.js';
export { writeStdout, stdoutClosed, guardStandardStreams } from './stdout.js';
export { toCsv, NonFiniteOutputError } from './csv.js';
export { assertFiniteJson, parseJsonStrict, checkJsonText, JsonInputError, JSON_DEPTH_LIMIT } from './json.js';
export { readTextFile, InputFileError } from './read.js';
