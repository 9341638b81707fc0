/** I/O at the edges: atomic file and directory writes, output-target checks, CSV. */
export {
  writeFileAtomic,
  writeDirectoryAtomic,
  checkOutputFile,
  checkOutputDirectory,
  OutputTargetError,
  registerTemporary,
  releaseTemporary,
  removePendingTemporaries,
  pendingTemporaries,
  type DirectoryFile,
} from './atomic.js';
export { toCsv, NonFiniteOutputError } from './csv.js';
export { assertFiniteJson, parseJsonStrict, checkJsonText, JsonInputError } from './json.js';
