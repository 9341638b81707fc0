/**
 * Debian's headless Chromium for the end-to-end browser tests (report, explorer): where it is and the
 * flags that keep it offline and quiet (no network besides file:/data:, no first-run work).
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
