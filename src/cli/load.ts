/** Reading a config file for a CLI command. */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError, parseConfigText, configWarnings, type ParsedConfig } from '../config.js';
import { CONFIG_BYTES_LIMIT } from '../limits.js';

/**
 * Read and validate CONFIG.json; unreadable or oversized files are ConfigErrors too. Warnings
 * (bias outside linear response, T0 that looks like eV) go to stderr, one line each.
 */
export function loadConfig(path: string, warn: (line: string) => void = (l) => process.stderr.write(`probecheck: warning: ${l}\n`)): ParsedConfig {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ConfigError(path, 'not a regular file');
    if (st.size > CONFIG_BYTES_LIMIT) throw new ConfigError(path, `file too large (${st.size} bytes; limit ${CONFIG_BYTES_LIMIT})`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(path, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const parsed = parseConfigText(text);
  for (const w of configWarnings(parsed)) warn(w);
  return parsed;
}
