/**
 * Child process for test/cli-signals.test.ts: writes through src/io while the parent sends it
 * a real signal. Usage: tsx slowWriter.ts file TARGET BYTES | dir TARGET FILES
 */
import { writeFileAtomic, writeDirectoryAtomic } from '../../src/io/atomic.js';

const [mode, target, count] = process.argv.slice(2);
if (mode === 'file') {
  writeFileAtomic(target, Buffer.alloc(Number(count), 0x61));
  process.stdout.write('done\n');
} else {
  const files = Array.from({ length: Number(count) }, (_, i) => ({ path: `sub/f${i}.txt`, content: `new ${i}\n` }));
  await writeDirectoryAtomic(target, [{ path: 'index.html', content: 'new index\n' }, ...files]);
  process.stdout.write('done\n');
}
