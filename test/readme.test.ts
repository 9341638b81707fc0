/** The README's library example runs as written (import path mapped to the source). */
import { describe, it, expect } from 'vitest';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

describe('README', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('starts with the two commands for a fresh machine', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/npm ci && npm start/);
    expect(firstBlock).toMatch(/npm ci && npm test/);
  });

  it('library example runs and shows a non-zero VP heat current', async () => {
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const src = code!.replace("from 'probecheck'", "from '../src/index.js'").replace(/console\.log\((.*)\);/, '(globalThis as any).__readme = [$1];');
    const dir = join(root, 'test-output');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'readme-example.ts');
    writeFileSync(file, src + '\nexport {};\n');
    await import(file);
    const [heat, sdot] = (globalThis as unknown as { __readme: [Float64Array, number] }).__readme;
    expect(Math.abs(heat[2])).toBeGreaterThan(0);
    expect(sdot).toBeGreaterThan(0);
  });
});
