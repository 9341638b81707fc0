/** Reading a config file for a CLI command. */
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfigText, type ParsedConfig } from '../config.js';

/** Read and validate CONFIG.json; unreadable files are ConfigErrors too. */
export function loadConfig(path: string): ParsedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseConfigText(text);
}
