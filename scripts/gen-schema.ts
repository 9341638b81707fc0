/**
 * Writes schema/config.schema.json, the published JSON Schema (draft 2020-12) of CONFIG.json,
 * generated from the zod validator in src/config.ts ({@link configJsonSchema}); it is the same
 * document `probecheck schema` prints. A test (test/compare/schema.test.ts) fails when the
 * committed file is stale. Regenerate with
 *
 *     npx tsx scripts/gen-schema.ts            # writes schema/config.schema.json
 *     npx tsx scripts/gen-schema.ts --check    # exit 1 if the committed file differs
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { configJsonSchema } from '../src/config.js';
import { writeFileAtomic } from '../src/io/atomic.js';

/** Path of the committed schema. */
export const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'config.schema.json');

/** The schema file's exact text (2-space JSON, trailing newline). */
export function schemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}

const isEntry = process.argv[1] !== undefined && /gen-schema\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  const text = schemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      process.stderr.write(`${SCHEMA_PATH} is stale: run npx tsx scripts/gen-schema.ts\n`);
      process.exit(1);
    }
    process.stderr.write(`${SCHEMA_PATH} is up to date\n`);
  } else {
    writeFileAtomic(SCHEMA_PATH, text);
    process.stderr.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
