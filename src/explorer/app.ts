/**
 * The explorer's page script (bundled for the browser by bundle.ts; the entry point). It reads the
 * embedded state, applies each control change with {@link applyControl} — the state stays a
 * CONFIG.json object — and recomputes the whole view with {@link computeView} (parseConfig →
 * solveSystem / scanCircuits, the CLI's code), coalescing changes to one update per animation
 * frame. Each update is timed with performance.now(); the timings are shown and kept in
 * `window.probecheckExplorer.timings` (ms) for scripts and the benchmark.
 *
 * The project compiles without the DOM lib, so the few DOM members used are declared here.
 */
import { applyControl, ControlError, initialState, type ExplorerState } from './model.js';
import { atPath, computeView, curvesOf, derivedValue, erGrid, erScan, erSolve, type ExplorerResult, type ViewCache } from './compute.js';
import { formatValue, humanValue, panelsShown, panelSpec, type PanelId } from './panels.js';
import { plotSvg } from './svgplot.js';

interface El {
  readonly dataset: Record<string, string | undefined>;
  readonly tagName: string;
  textContent: string | null;
  innerHTML: string;
  hidden: boolean;
  value: string;
  checked: boolean;
  disabled: boolean;
  readonly type: string;
  readonly name: string;
  readonly classList: { toggle(c: string, on?: boolean): void };
  readonly parentElement: El | null;
  closest(sel: string): El | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  addEventListener(type: string, f: (e: { target: El | null }) => void): void;
  setAttribute(n: string, v: string): void;
  getAttribute(n: string): string | null;
  dispatchEvent(e: unknown): boolean;
  click(): void;
}
interface Doc {
  getElementById(id: string): El | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  createElement(tag: string): El;
  readonly body: El;
  readonly activeElement: El | null;
}
interface Win {
  requestAnimationFrame(f: () => void): number;
  setTimeout(f: () => void, ms: number): number;
  probecheckExplorer?: unknown;
}
const g = globalThis as unknown as { document: Doc; window: Win; Event: new (type: string, init?: { bubbles: boolean }) => unknown };
const doc = g.document;
const win = g.window;

const all = (sel: string, root: Doc | El = doc): El[] => Array.from(root.querySelectorAll(sel));

/** What scripts and tests can read: the state, the last result's `solve` JSON, update timings. */
interface ExplorerHandle {
  state: ExplorerState;
  config: unknown;
  solve: unknown;
  error: string | null;
  updates: number;
  /** Completed ER computations (column + curves), the last one's error and its time (ms). */
  erUpdates: number;
  erError: string | null;
  erMs: number | null;
  /** Milliseconds per update: total (controls applied → DOM written), compute, draw. */
  timings: Array<{ total: number; compute: number; draw: number; points: number; latency: number | null }>;
}

function main(): void {
  const embedded = JSON.parse(doc.getElementById('explorer-state')!.textContent ?? '{}') as { state: ExplorerState };
  let state: ExplorerState = { ...initialState(embedded.state.config, embedded.state.view.mu0), ...embedded.state };
  const pending = new Map<string, string>();
  let frame = 0;
  const handle: ExplorerHandle = { state, config: state.config, solve: null, error: null, updates: 0, timings: [], erUpdates: 0, erError: null, erMs: null };
  let erToken = 0;
  let current: ExplorerResult | null = null;
  win.probecheckExplorer = handle;
  const form = doc.getElementById('controls')!;
  const errorBox = doc.getElementById('error')!;
  const status = doc.getElementById('status')!;

  const controlValueOf = (el: El): string => {
    if (el.type === 'checkbox')
      return all(`input[type=checkbox][name="${cssEscape(el.name)}"]`, form)
        .filter((b) => b.checked)
        .map((b) => b.value)
        .join(',');
    return el.value;
  };
  const cache: ViewCache = {};
  const drawn = new Map<string, string>(); // panel id → its last SVG (unchanged panels are not rewritten)
  let firstInput: number | null = null;
  const queue = (name: string, value: string) => {
    firstInput ??= performance.now();
    pending.set(name, value);
    if (!frame) frame = win.requestAnimationFrame(update);
  };

  form.addEventListener('input', (e) => {
    const el = e.target;
    if (!el) return;
    if (el.dataset.for) {
      // a slider mirrors its number field
      const field = form.querySelector(`[name="${cssEscape(el.dataset.for)}"]`);
      if (field) field.value = el.value;
      queue(el.dataset.for, el.value);
      return;
    }
    if (!el.name) return;
    // while a number is being typed ("-", "1e") the field is not yet a number: wait for "change"
    if (el.type === 'number' && (el.value === '' || !Number.isFinite(Number(el.value)))) return;
    syncSlider(el);
    queue(el.name, controlValueOf(el));
  });
  form.addEventListener('change', (e) => {
    const el = e.target;
    if (!el?.name) return;
    syncSlider(el);
    queue(el.name, controlValueOf(el));
  });
  for (const site of all('.picker .site')) {
    const pick = () => {
      const probe = site.closest('.picker')?.dataset.probe;
      const sel = probe ? form.querySelector(`[name="terminals.${cssEscape(probe)}.coupling.sites"]`) : null;
      if (!sel) return;
      sel.value = site.dataset.site ?? '';
      queue(sel.name, sel.value);
    };
    site.addEventListener('click', pick);
    site.addEventListener('keydown', (e) => {
      if ((e as unknown as { key: string }).key === 'Enter') pick();
    });
  }
  doc.getElementById('download')!.addEventListener('click', () => {
    const a = doc.createElement('a');
    a.setAttribute('href', `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(state.config, null, 2) + '\n')}`);
    a.setAttribute('download', 'CONFIG.json');
    a.click();
  });

  function syncSlider(el: El): void {
    const slider = form.querySelector(`input[data-for="${cssEscape(el.name)}"]`);
    if (slider && el.value !== '') slider.value = el.value;
  }

  function showError(message: string | null): void {
    handle.error = message;
    errorBox.hidden = message === null;
    errorBox.textContent = message ? `probecheck: ${message}` : '';
    doc.body.classList.toggle('stale', message !== null);
    if (message !== null) {
      // never leave numbers that belong to another config on the page
      for (const el of all('[data-output], [data-output-vp], [data-output-vtp], [data-output-er], [data-derived], [data-human]')) el.textContent = '';
      erToken++; // an ER job of the previous config must not fill the page
      current = null;
    }
  }

  function update(): void {
    frame = 0;
    const t0 = performance.now();
    let next = state;
    try {
      for (const [name, value] of pending) next = applyControl(next, name, value);
    } catch (e) {
      pending.clear();
      if (e instanceof ControlError) {
        showError(e.message);
        return;
      }
      throw e;
    }
    pending.clear();
    state = next;
    handle.state = state;
    handle.config = state.config;
    doc.getElementById('config-json')!.textContent = JSON.stringify(state.config, null, 2);
    // the bias applies to the electronic circuit only
    for (const el of all('[name="bias"], input[data-for="bias"]', form)) el.disabled = state.config.circuit === 'thermal';
    let result: ExplorerResult;
    try {
      result = computeView(state, cache);
    } catch (e) {
      handle.solve = null;
      showError((e as Error).message);
      return;
    }
    const t1 = performance.now();
    try {
      render(result);
    } catch (e) {
      // a bug, not bad input: say so on the page (and in the console) instead of freezing it
      handle.solve = null;
      showError(`internal error while drawing: ${(e as Error).message}`);
      console.error(e);
      return;
    }
    showError(null);
    current = result;
    startEr(result);
    handle.solve = result.solve;
    handle.updates++;
    const t2 = performance.now();
    const timing: ExplorerHandle['timings'][number] = { total: t2 - t0, compute: t1 - t0, draw: t2 - t1, points: state.view.mu0.points, latency: null };
    handle.timings.push(timing);
    // input → the next frame after the DOM write (style, layout and paint of this update included)
    const since = firstInput;
    firstInput = null;
    if (since !== null)
      win.requestAnimationFrame(() => {
        timing.latency = performance.now() - since;
      });
    status.textContent = `updated in ${(t2 - t0).toFixed(0)} ms (solve + ${state.view.mu0.points}-point μ0 scan ${(t1 - t0).toFixed(0)} ms, drawing ${(t2 - t1).toFixed(0)} ms)`;
  }

  /**
   * The ER variant after the update, in slices (one solve, then a few μ0 points per macrotask), so
   * that a slider moved meanwhile is handled at once; a newer update cancels the job.
   */
  function startEr(r: ExplorerResult): void {
    const token = ++erToken;
    const erStatus = doc.getElementById('er-status');
    const table = doc.getElementById('compare-table');
    const on = state.view.models.includes('ER') && r.probes.length > 0;
    table?.classList.toggle('no-er', !on);
    for (const el of all('[data-output-er]')) el.textContent = '';
    if (!on) {
      if (erStatus) erStatus.textContent = '';
      return;
    }
    if (erStatus) erStatus.textContent = 'ER: computing (adaptive quadrature)…';
    const t0 = performance.now();
    const snapshot = state;
    const grid = erGrid(snapshot);
    const fail = (e: unknown) => {
      handle.erError = (e as Error).message;
      if (erStatus) erStatus.textContent = `ER: ${(e as Error).message}`;
    };
    win.setTimeout(() => {
      if (token !== erToken) return;
      let er: ReturnType<typeof erSolve>;
      try {
        er = erSolve(snapshot);
      } catch (e) {
        fail(e);
        return;
      }
      for (const el of all('[data-output-er]')) el.textContent = formatValue(atPath(er.solve, el.dataset.outputEr!));
      const points: ReturnType<typeof erScan> = [];
      const CHUNK = 8;
      const step = (i: number) => {
        if (token !== erToken) return;
        try {
          points.push(...erScan(er.parsed, grid.slice(i, i + CHUNK)));
        } catch (e) {
          fail(e);
          return;
        }
        if (erStatus) erStatus.textContent = `ER: ${Math.min(points.length, grid.length)}/${grid.length} μ0 points…`;
        if (i + CHUNK < grid.length) {
          win.setTimeout(() => step(i + CHUNK), 0);
          return;
        }
        r.er = { config: er.config, solve: er.solve, mu0: Float64Array.from(grid), curves: curvesOf(points, 0, r.names) };
        if (current === r) drawPanels(r);
        handle.erMs = performance.now() - t0;
        handle.erError = null;
        handle.erUpdates++;
        if (erStatus) erStatus.textContent = `ER: ${grid.length} μ0 points in ${handle.erMs.toFixed(0)} ms`;
      };
      win.setTimeout(() => step(0), 0);
    }, 0);
  }

  function drawPanels(r: ExplorerResult): void {
    const shown = new Set(panelsShown(r));
    for (const fig of all('figure.panel')) {
      const id = fig.dataset.panel as PanelId;
      fig.hidden = !shown.has(id);
      if (fig.hidden) continue;
      const svg = plotSvg(panelSpec(id, r, state.view));
      if (drawn.get(id) !== svg) {
        fig.querySelector('.plot')!.innerHTML = svg;
        drawn.set(id, svg);
      }
    }
  }

  function render(r: ExplorerResult): void {
    const circuit = r.parsed.circuit;
    for (const tr of all('tr[data-circuits]')) tr.hidden = !(tr.dataset.circuits ?? '').split(' ').includes(circuit);
    for (const el of all('[data-output]')) el.textContent = formatValue(atPath(r.solve, el.dataset.output!));
    for (const el of all('[data-human]')) el.textContent = humanValue(atPath(r.solve, el.dataset.human!), el.dataset.unit ?? '');
    const c = r.comparison;
    for (const el of all('[data-output-vp]')) el.textContent = c ? formatValue(atPath(c.solve.VP, el.dataset.outputVp!)) : '';
    for (const el of all('[data-output-vtp]')) el.textContent = c ? formatValue(atPath(c.solve.VTP, el.dataset.outputVtp!)) : '';
    for (const el of all('[data-derived]')) {
      const spec = el.dataset.derived!;
      const v = c ? derivedValue(c, spec) : null;
      el.textContent = v === null ? '' : formatValue(v);
      el.setAttribute('title', spec.startsWith('relerr') && v !== null ? `${(100 * v).toPrecision(4)} %` : humanValue(v, el.dataset.unit ?? ''));
    }
    drawPanels(r);
    // the site picker: the probe's sites and the leads'
    for (const picker of all('.picker')) {
      const probe = picker.dataset.probe;
      const t = probe ? state.config.terminals.find((x) => x.name === probe) : undefined;
      const sites = new Set(t?.coupling.sites ?? []);
      for (const s of all('.site', picker)) s.classList.toggle('probe', sites.has(Number(s.dataset.site)));
    }
    // the T_VP field follows T0 while no VP temperature was set
    for (const p of r.probes) {
      const f = form.querySelector(`[name="terminals.${cssEscape(p)}.T"]`);
      if (f && f !== doc.activeElement && state.vpT[p] === undefined) {
        f.value = String(state.config.reference.T);
        syncSlider(f);
      }
    }
  }

  update();
}

/** Escape a value for a CSS attribute selector in double quotes. */
function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

main();
