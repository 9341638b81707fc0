/** Reading a config file for a CLI command. */
import { ConfigError, parseConfig, readConfigJson, configWarnings, type ParsedConfig } from '../config.js';
import { INPUT_BYTES_LIMIT } from '../limits.js';
import { InputFileError, readTextFile } from '../io/read.js';

/** A config as read once from its file: the validated config, its JSON value and its text. */
export interface LoadedConfig {
  readonly parsed: ParsedConfig;
  /** The JSON value that was validated (what worker threads are handed: never a second read of the file). */
  readonly json: unknown;
  /** The file's text (for fingerprints and reports). */
  readonly text: string;
}

const warnStderr = (l: string) => process.stderr.write(`probecheck: warning: ${l}\n`);

/**
 * Read CONFIG.json once (bounded: src/io/read.ts) and validate it; unreadable or oversized files
 * are ConfigErrors too. Warnings (bias outside linear response, T0 that looks like eV) go to
 * stderr, one line each. Commands that hand the config to workers or write its text use the
 * `json` and `text` of this one read, so what is computed is what was validated.
 */
export function loadConfigFile(path: string, warn: (line: string) => void = warnStderr): LoadedConfig {
  let text: string;
  try {
    text = readTextFile(path, INPUT_BYTES_LIMIT);
  } catch (e) {
    if (e instanceof InputFileError) throw new ConfigError(path, e.detail);
    throw e;
  }
  const json = readConfigJson(text);
  const parsed = parseConfig(json);
  for (const w of configWarnings(parsed)) warn(w);
  return { parsed, json, text };
}

/** {@link loadConfigFile}'s validated config alone. */
export function loadConfig(path: string, warn: (line: string) => void = warnStderr): ParsedConfig {
  return loadConfigFile(path, warn).parsed;
}
