// The compiled jsonnet evaluator (go-jsonnet as WebAssembly, built by wasm/build.sh and shipped
// gzipped beside this file), with its memory capped: the module declares a memory without a
// maximum, so its memory section is rewritten with one before it is compiled. Go's runtime then
// fails with "out of memory" at the cap instead of growing the engine's process without bound.
// Compiled once per cap and kept (a WebAssembly.Module can be handed to any worker thread).
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

const WASM_PAGE_BYTES = 65536;
/** wasm32 can address no more than 4 GiB. */
const MAX_PAGES = 65536;
const MEMORY_SECTION = 5;

/** Where the module is: beside this file in the sources, beside the bundle in the desktop app. */
const MODULE_FILE = new URL('./go-jsonnet.wasm.gz', import.meta.url);

function readLeb(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let next = at;
  for (;;) {
    const byte = bytes[next] as number;
    next += 1;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return { value, next };
    if (shift > 35) throw new Error('jsonnet module: malformed LEB128 number');
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

/** The module's bytes with its one memory limited to `maxPages` pages. */
export function withMemoryCap(wasm: Uint8Array, maxPages: number): Uint8Array {
  let at = 8; // magic and version
  while (at < wasm.length) {
    const id = wasm[at] as number;
    const size = readLeb(wasm, at + 1);
    const end = size.next + size.value;
    if (id === MEMORY_SECTION) {
      const count = readLeb(wasm, size.next);
      if (count.value !== 1) throw new Error('jsonnet module: expected exactly one memory');
      const flags = wasm[count.next] as number;
      const min = readLeb(wasm, count.next + 1);
      if (flags !== 0 && flags !== 1) throw new Error(`jsonnet module: unexpected memory flags ${flags}`);
      const pages = Math.max(min.value, Math.min(maxPages, MAX_PAGES));
      const body = [...leb(1), 0x01, ...leb(min.value), ...leb(pages)];
      const section = [MEMORY_SECTION, ...leb(body.length), ...body];
      const out = new Uint8Array(at + section.length + (wasm.length - end));
      out.set(wasm.subarray(0, at), 0);
      out.set(section, at);
      out.set(wasm.subarray(end), at + section.length);
      return out;
    }
    at = end;
  }
  throw new Error('jsonnet module: no memory section');
}

// The compiler of the JavaScript engine; the project's TypeScript libraries declare only its types.
const wasmCompiler = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly;

let wasmBytes: Promise<Uint8Array> | undefined;
const compiled = new Map<number, Promise<WebAssembly.Module>>();

function moduleBytes(): Promise<Uint8Array> {
  wasmBytes ??= readFile(MODULE_FILE).then((gz) => new Uint8Array(gunzipSync(gz)));
  wasmBytes.catch(() => (wasmBytes = undefined));
  return wasmBytes;
}

/** The evaluator, compiled with a memory of at most `maxMemoryBytes`. */
export function jsonnetModule(maxMemoryBytes: number): Promise<WebAssembly.Module> {
  const pages = Math.max(1, Math.floor(maxMemoryBytes / WASM_PAGE_BYTES));
  let module = compiled.get(pages);
  if (!module) {
    module = moduleBytes().then((bytes) => wasmCompiler.compile(withMemoryCap(bytes, pages)));
    compiled.set(pages, module);
    module.catch(() => compiled.delete(pages));
  }
  return module;
}
