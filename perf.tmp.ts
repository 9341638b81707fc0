import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
const file = process.argv[2];
const ctx = await chromium.launchPersistentContext('/tmp/i14/prof', { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'], viewport: { width: 1400, height: 1000 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(pathToFileURL(file).href);
await page.waitForFunction('window.probecheckExplorer && window.probecheckExplorer.updates >= 1');
for (let i = 0; i < 30; i++) {
  const n = await page.evaluate('window.probecheckExplorer.updates');
  await page.evaluate(`(() => { const s = document.querySelector('input[data-for="terminals.P.coupling.gamma"]'); s.value = String(${0.01 + i * 0.02}); s.dispatchEvent(new Event('input', { bubbles: true })); })()`);
  await page.waitForFunction(`window.probecheckExplorer.updates > ${n}`);
}
const t = await page.evaluate('window.probecheckExplorer.timings') as Array<{ total: number; compute: number; draw: number }>;
const med = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
const rest = t.slice(1);
console.log('first', t[0]);
console.log('median total', med(rest.map((x) => x.total)).toFixed(1), 'compute', med(rest.map((x) => x.compute)).toFixed(1), 'draw', med(rest.map((x) => x.draw)).toFixed(1), 'max', Math.max(...rest.map((x) => x.total)).toFixed(1));
await ctx.close();
