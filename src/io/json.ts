/**
 * JSON at the edges: the output guard (a non-finite number is never printed: JSON would show it
 * as null) and the strict reading of JSON input (duplicate keys, number literals that are not
 * doubles).
 */
import { NonFiniteOutputError } from './csv.js';
import { literalProblem } from './decimal.js';

/**
 * Deepest nesting accepted in JSON input (configs, claim files, compare inputs): the deepest
 * legitimate one is 5 (a complex matrix row inside a config); deeper text is refused before any
 * recursive walk over the value could exhaust the stack.
 */
export const JSON_DEPTH_LIMIT = 32;

/** Throw NonFiniteOutputError naming the first non-finite number in `value` (depth-first). */
export function assertFiniteJson(value: unknown, path = '(output)'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteOutputError(`non-finite value ${value} at ${path}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertFiniteJson(v, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFiniteJson(v, `${path}.${k}`);
  }
}

/**
 * A JSON input (config, compare input) that JSON.parse would silently read as something else:
 * `path` is the key path of the value (`terminals[2].coupling.gamma`, `rows[0].heat_R`; '' for
 * the top level), `detail` why.
 */
export class JsonInputError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path || '(top level)'}: ${detail}`);
    this.name = 'JsonInputError';
  }
}

interface Frame {
  readonly array: boolean;
  readonly path: string;
  /** Keys seen so far (objects). */
  readonly keys: Set<string> | null;
  /** The current key (objects) or element index (arrays). */
  key: string;
  index: number;
}

function childPath(f: Frame | undefined): string {
  if (!f) return '';
  if (f.array) return `${f.path}[${f.index}]`;
  return f.path === '' ? f.key : `${f.path}.${f.key}`;
}

const isNumberChar = (c: number) => (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69; // 0-9 - + . e E

/**
 * Check JSON text (already known to be valid JSON) for what JSON.parse reads silently otherwise:
 * a key given twice in one object (JSON.parse keeps the last), and a number literal that is not a
 * double (src/io/decimal.ts {@link literalProblem}: overflow to ±Infinity, a non-zero literal
 * that underflows to 0 or to a subnormal), and nesting deeper than `maxDepth` (objects and
 * arrays). One linear pass, no recursion.
 * @throws JsonInputError naming the key path
 */
export function checkJsonText(text: string, maxDepth = JSON_DEPTH_LIMIT): void {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: a key, or a value
      let j = i + 1,
        escaped = false;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          escaped = true;
          j++;
        } else if (d === 34) break;
      }
      if (expectKey) {
        const top = stack[stack.length - 1];
        const raw = text.slice(i, j + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        top.key = key;
        if (top.keys!.has(key)) throw new JsonInputError(childPath(top), `the key "${key}" is given twice in one object (only one value can hold)`);
        top.keys!.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      // { or [
      if (stack.length >= maxDepth)
        throw new JsonInputError(childPath(stack[stack.length - 1]), `JSON nested deeper than ${maxDepth} levels (the input formats need at most 5)`);
      stack.push({ array: c === 91, path: childPath(stack[stack.length - 1]), keys: c === 123 ? new Set() : null, key: '', index: 0 });
      expectKey = c === 123;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      // ,
      const top = stack[stack.length - 1];
      if (top.array) top.index++;
      else expectKey = true;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1,
        exponent = false;
      for (; j < text.length && isNumberChar(text.charCodeAt(j)); j++) {
        const d = text.charCodeAt(j);
        if (d === 101 || d === 69) exponent = true;
      }
      // without an exponent a literal can leave the double range only with > 300 digits
      if (exponent || j - i > 300) {
        const lit = text.slice(i, j);
        const p = literalProblem(lit);
        if (p) throw new JsonInputError(childPath(stack[stack.length - 1]), `${lit} ${p}`);
      }
      i = j - 1;
    }
  }
}

/**
 * JSON.parse, refusing what it would silently change (see {@link checkJsonText}): duplicate keys
 * and number literals that are not doubles, and nesting deeper than `maxDepth` (default
 * {@link JSON_DEPTH_LIMIT}). A syntax error is JSON.parse's SyntaxError (V8's JSON.parse is not
 * recursive: deep text is read, then refused here).
 * @throws SyntaxError | JsonInputError
 */
export function parseJsonStrict(text: string, maxDepth = JSON_DEPTH_LIMIT): unknown {
  const value: unknown = JSON.parse(text);
  checkJsonText(text, maxDepth);
  return value;
}
