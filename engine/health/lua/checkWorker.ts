// The side of the Lua health checks that runs in a worker thread (node:worker_threads): a fresh
// fengari state per check, as in Argo CD, with the time limit enforced by an instruction-count
// hook that stays in force until the state is closed, and the strings a script builds counted
// against a memory limit. What the hook cannot interrupt (a pattern match runs inside one
// library call) the engine's watchdog ends by terminating this thread (see runner.ts).
//
// The code reaches the thread as text (Function.prototype.toString), so that it needs no file
// of its own next to a bundle: luaCheckWorker must not refer to anything outside itself; all it
// needs comes in through its argument.
import type { HealthResult } from '../types.ts';
import type { LuaApi, LuaState } from './fengari.ts';

/** A compiled script, as a batch carries it. */
export interface WorkerScript {
  name: string;
  bytecode: Uint8Array;
  openLibs: boolean;
}

export interface WorkerCheck {
  /** index into the batch's scripts */
  script: number;
  obj: unknown;
  timeoutMs: number;
  /** The global `actionParams` (Argo CD gives every script one; action parameters are strings). */
  params?: Record<string, string>;
  /** `value`: the script's return value comes back as JSON (resource actions); else a health result. */
  returns?: 'health' | 'value';
  /** What error messages call the script: `health script` unless given. */
  label?: string;
}

export interface WorkerBatch {
  scripts: WorkerScript[];
  checks: WorkerCheck[];
}

/**
 * A check's result; `limit` when the script was stopped by one of its limits; `skipped` (the
 * number of limit breaks in a row) when it was not run because it broke them on the objects
 * before, and the message is the last break's.
 */
export type WorkerResult = HealthResult & { limit?: true; skipped?: number; value?: unknown };

export interface WorkerReply {
  results: Array<[index: number, result: WorkerResult]>;
  done: boolean;
}

export interface WorkerLimits {
  /** the largest string (or buffer) one allocation may make */
  maxStringBytes: number;
  /** all the strings one check may build, together */
  stringBudgetBytes: number;
  /** a longer message is cut here */
  maxMessageBytes: number;
  /** limit breaks in a row after which a batch's further checks of the script are skipped */
  strikes: number;
  /** instructions between two looks at the clock */
  hookInterval: number;
  /** how often results go back while a batch runs */
  flushMs: number;
  /** the deepest nesting, and the most values, a returned value may have */
  maxValueDepth: number;
  maxValueNodes: number;
}

export interface WorkerSetup {
  /** resolved paths of the fengari modules to load */
  modules: { defs: string; luaconf: string; fengari: string };
  /** the sandbox prelude, compiled */
  prelude: Uint8Array;
  statuses: readonly string[];
  limits: WorkerLimits;
  /**
   * Progress the engine's watchdog reads without a message: Int32 0 is the index of the
   * check running (-1 while none is), Float64 at byte 8 the time it started (Date.now()).
   */
  progress: SharedArrayBuffer;
}

export interface WorkerEnvironment {
  require: (id: string) => unknown;
  port: {
    on(event: 'message', listener: (batch: WorkerBatch) => void): unknown;
    postMessage(reply: WorkerReply): void;
  };
  setup: WorkerSetup;
  formatLuaNumber: (n: number) => string;
}

export function luaCheckWorker({ require, port, setup, formatLuaNumber }: WorkerEnvironment): void {
  const { limits } = setup;
  const running = new Int32Array(setup.progress, 0, 1);
  const startedAt = new Float64Array(setup.progress, 8, 1);

  // fengari's strings and buffers are Uint8Arrays, and their memory lies outside the heap that
  // the thread's resourceLimits bound. So every Uint8Array made while a script runs is
  // counted: one too large, or too many together, is refused, and the hook ends the script.
  const NativeBytes = Uint8Array;
  let counting = false;
  let counted = 0;
  let overLimit: string | undefined;
  class LuaBytes extends NativeBytes {
    constructor(first?: unknown, offset?: unknown, length?: unknown) {
      if (counting) {
        const size =
          typeof first === 'number'
            ? first
            : first instanceof ArrayBuffer || first instanceof SharedArrayBuffer
              ? 0 // a view on memory that exists already
              : Number((first as { length?: number } | undefined)?.length ?? 0);
        counted += size;
        if (size > limits.maxStringBytes)
          overLimit ??= `built a string larger than ${limits.maxStringBytes / 2 ** 20} MB`;
        else if (counted > limits.stringBudgetBytes)
          overLimit ??= `built more than ${limits.stringBudgetBytes / 2 ** 20} MB of strings`;
        if (overLimit !== undefined) throw new RangeError(`health script ${overLimit}`);
      }
      super(first as ArrayBuffer, offset as number, length as number);
    }

    // fengari checks `instanceof Uint8Array`; arrays made before the swap (or received in a
    // message) are strings too.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof NativeBytes;
    }
  }
  (globalThis as { Uint8Array: unknown }).Uint8Array = LuaBytes;

  // Numbers print as Argo CD's gopher-lua prints them (see fengari.ts).
  process.env.FENGARICONF = JSON.stringify({ LUA_COMPAT_FLOATSTRING: true });
  require(setup.modules.defs);
  (require(setup.modules.luaconf) as { lua_number2str: (n: number) => string }).lua_number2str =
    formatLuaNumber;
  const { lua, lauxlib, lualib, to_luastring, to_jsstring } = require(setup.modules.fengari) as LuaApi;
  const statuses = new Set(setup.statuses);

  /** Runs JavaScript that makes strings of its own (messages) outside the script's count. */
  function uncounted<T>(work: () => T): T {
    const was = counting;
    counting = false;
    try {
      return work();
    } finally {
      counting = was;
    }
  }

  function push(L: LuaState, value: unknown): void {
    if (!lua.lua_checkstack(L, 2)) throw new Error('object too deeply nested for Lua');
    if (value === null || value === undefined) lua.lua_pushnil(L);
    else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
    else if (typeof value === 'number') lua.lua_pushnumber(L, value);
    else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
    else if (Array.isArray(value)) {
      lua.lua_createtable(L, value.length, 0);
      value.forEach((item: unknown, i) => {
        if (item === null || item === undefined) return;
        push(L, item);
        lua.lua_rawseti(L, -2, i + 1);
      });
    } else if (typeof value === 'object') {
      const entries = Object.entries(value).filter(([, item]) => item !== null && item !== undefined);
      lua.lua_createtable(L, 0, entries.length);
      for (const [key, item] of entries) {
        push(L, item);
        lua.lua_setfield(L, -2, to_luastring(key));
      }
    } else lua.lua_pushnil(L);
  }

  function load(L: LuaState, bytecode: Uint8Array, name: string): void {
    const status = lauxlib.luaL_loadbufferx(
      L,
      bytecode,
      bytecode.length,
      to_luastring(`=${name}`),
      to_luastring('b'),
    );
    if (status !== lua.LUA_OK) throw new Error(lua.lua_tojsstring(L, -1));
  }

  function openLibraries(L: LuaState, openLibs: boolean): void {
    const libraries: Array<[string, keyof LuaApi['lualib']]> = [
      ['_G', 'luaopen_base'],
      ['table', 'luaopen_table'],
      ['os', 'luaopen_os'],
    ];
    if (openLibs)
      libraries.push(
        ['string', 'luaopen_string'],
        ['math', 'luaopen_math'],
        ['coroutine', 'luaopen_coroutine'],
      );
    for (const [name, open] of libraries) {
      lauxlib.luaL_requiref(L, to_luastring(name), lualib[open], 1);
      lua.lua_pop(L, 1);
    }
    load(L, setup.prelude, 'prelude');
    lua.lua_pushboolean(L, openLibs);
    if (lua.lua_pcall(L, 1, 0, 0) !== lua.LUA_OK)
      throw new Error(`health sandbox: ${lua.lua_tojsstring(L, -1)}`);
  }

  /**
   * The text of a value that is a string or a number, cut at the message limit before it is
   * decoded (decoding megabytes takes long); metamethods are never called.
   */
  function plainText(L: LuaState, index: number): string | undefined {
    const type = lua.lua_type(L, index);
    if (type !== lua.LUA_TSTRING && type !== lua.LUA_TNUMBER) return undefined;
    const bytes = lua.lua_tolstring(L, index);
    if (bytes.length <= limits.maxMessageBytes) return to_jsstring(bytes, 0, bytes.length, true);
    return `${to_jsstring(bytes, 0, limits.maxMessageBytes, true)}… (${bytes.length} bytes)`;
  }

  function typeName(L: LuaState, index: number): string {
    return to_jsstring(lua.lua_typename(L, lua.lua_type(L, index)));
  }

  /** A field of the table on top, read raw: no script code runs while the result is read. */
  function rawField(L: LuaState, key: string): void {
    lua.lua_pushstring(L, to_luastring(key));
    lua.lua_rawget(L, -2);
  }

  function readResult(L: LuaState): WorkerResult {
    if (lua.lua_type(L, -1) !== lua.LUA_TTABLE)
      return { status: 'Unknown', message: `expect table output from Lua script, not ${typeName(L, -1)}` };
    rawField(L, 'status');
    const status = lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : undefined;
    lua.lua_pop(L, 1);
    if (status === undefined || !statuses.has(status))
      return { status: 'Unknown', message: 'Lua returned an invalid health status' };
    rawField(L, 'message');
    if (lua.lua_type(L, -1) === lua.LUA_TNIL) return { status } as WorkerResult;
    const message = plainText(L, -1);
    if (message === undefined)
      return { status: 'Unknown', message: 'Lua returned a message that is not a string' };
    return (message ? { status, message } : { status }) as WorkerResult;
  }

  /**
   * The value on top as JSON, as Argo CD's gopher-json encodes it: a table whose keys are 1..n
   * is an array (an empty table too), any other table an object with its keys as strings;
   * functions, nested self-references, NaN and infinities cannot be encoded. Read raw, so no
   * script code runs, and bounded in depth and size.
   */
  function readValue(L: LuaState): unknown {
    let nodes = 0;
    const ancestors = new Set<unknown>();
    const read = (index: number, depth: number): unknown => {
      if (++nodes > limits.maxValueNodes)
        throw new Error(`the returned value has more than ${limits.maxValueNodes} values`);
      const type = lua.lua_type(L, index);
      if (type === lua.LUA_TNIL) return null;
      if (type === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, index);
      if (type === lua.LUA_TNUMBER) {
        const n = lua.lua_tonumber(L, index);
        if (!Number.isFinite(n)) throw new Error(`cannot encode the number ${formatLuaNumber(n)} to JSON`);
        return n;
      }
      if (type === lua.LUA_TSTRING) {
        const bytes = lua.lua_tolstring(L, index);
        return to_jsstring(bytes, 0, bytes.length, true);
      }
      if (type !== lua.LUA_TTABLE) throw new Error(`cannot encode ${typeName(L, index)} to JSON`);
      if (depth > limits.maxValueDepth)
        throw new Error(`the returned value is nested deeper than ${limits.maxValueDepth} levels`);
      const table = lua.lua_topointer(L, index);
      if (ancestors.has(table)) throw new Error('cannot encode recursively nested tables to JSON');
      ancestors.add(table);
      if (!lua.lua_checkstack(L, 3)) throw new Error('the returned value is too deeply nested');
      const entries: Array<[key: string | number, value: unknown]> = [];
      const at = lua.lua_absindex(L, index);
      lua.lua_pushnil(L);
      while (lua.lua_next(L, at) !== 0) {
        const keyType = lua.lua_type(L, -2);
        let key: string | number;
        if (keyType === lua.LUA_TNUMBER) key = lua.lua_tonumber(L, -2);
        else if (keyType === lua.LUA_TSTRING) key = lua.lua_tojsstring(L, -2);
        else throw new Error(`cannot encode a table with a ${typeName(L, -2)} key to JSON`);
        entries.push([key, read(-1, depth + 1)]);
        lua.lua_pop(L, 1);
      }
      ancestors.delete(table);
      const isArray = entries.every(
        ([key]) => typeof key === 'number' && Number.isInteger(key) && key >= 1 && key <= entries.length,
      );
      if (isArray) {
        const array: unknown[] = new Array(entries.length);
        for (const [key, value] of entries) array[(key as number) - 1] = value;
        return array;
      }
      const object: Record<string, unknown> = {};
      for (const [key, value] of entries)
        Object.defineProperty(object, typeof key === 'number' ? formatLuaNumber(key) : key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return object;
    };
    return read(-1, 0);
  }

  function runCheck(script: WorkerScript, check: WorkerCheck): WorkerResult {
    const { obj, timeoutMs } = check;
    const label = check.label ?? 'health script';
    const L = lauxlib.luaL_newstate();
    try {
      // A JavaScript error inside fengari (a refused string, a deep recursion) becomes a Lua
      // error with its message instead of an opaque status.
      lua.lua_atnativeerror(L, (E) => {
        const error = lua.lua_touserdata(E, 1) as { message?: unknown } | undefined;
        uncounted(() => lua.lua_pushstring(E, to_luastring(String(error?.message ?? error))));
        return 1;
      });
      openLibraries(L, script.openLibs);
      push(L, check.params ?? {});
      lua.lua_setglobal(L, to_luastring('actionParams'));
      push(L, obj);
      lua.lua_setglobal(L, to_luastring('obj'));
      load(L, script.bytecode, script.name);
      const deadline = Date.now() + timeoutMs;
      let expired = false;
      // Once past a limit the hook fires on every instruction, in the coroutine that met it
      // and in the main thread (new coroutines inherit its hook): a script that catches the
      // error (pcall in a loop, a coroutine) gets no instruction further.
      const hook = (H: LuaState): void => {
        if (overLimit === undefined && !(expired ||= Date.now() > deadline)) return;
        lua.lua_sethook(H, hook, lua.LUA_MASKCOUNT, 1);
        if (H !== L) lua.lua_sethook(L, hook, lua.LUA_MASKCOUNT, 1);
        const why = overLimit ?? `ran longer than ${timeoutMs} ms`;
        uncounted(() => lua.lua_pushstring(H, to_luastring(`${script.name}: ${label} ${why}`)));
        lua.lua_error(H);
      };
      lua.lua_sethook(L, hook, lua.LUA_MASKCOUNT, limits.hookInterval);
      counted = 0;
      overLimit = undefined;
      counting = true;
      const status = lua.lua_pcall(L, 0, 1, 0);
      counting = false;
      if (overLimit !== undefined)
        return { status: 'Unknown', message: `${script.name}: ${label} ${overLimit}`, limit: true };
      if (expired)
        return {
          status: 'Unknown',
          message: `${script.name}: ${label} ran longer than ${timeoutMs} ms`,
          limit: true,
        };
      if (status !== lua.LUA_OK)
        return {
          status: 'Unknown',
          message: plainText(L, -1) ?? `${script.name}: (error object is a ${typeName(L, -1)} value)`,
        };
      if (check.returns !== 'value') return readResult(L);
      return { status: 'Unknown', value: readValue(L) };
    } catch (error) {
      return {
        status: 'Unknown',
        message: `${script.name}: ${error instanceof Error ? error.message : String(error)}`,
      };
    } finally {
      counting = false;
      lua.lua_close(L);
    }
  }

  /** A script that broke its limits on the objects before is not run again in this batch. */
  function checkOrSkip(
    strikes: Map<number, WorkerResult>,
    check: WorkerCheck,
    script: WorkerScript,
  ): WorkerResult {
    const struck = strikes.get(check.script);
    if (struck && struck.skipped! >= limits.strikes) return struck;
    const result = runCheck(script, check);
    if (!result.limit) strikes.delete(check.script);
    else strikes.set(check.script, { ...result, skipped: (struck?.skipped ?? 0) + 1 });
    return result;
  }

  port.on('message', (batch) => {
    let results: WorkerReply['results'] = [];
    let flushedAt = Date.now();
    const strikes = new Map<number, WorkerResult>();
    for (const [index, check] of batch.checks.entries()) {
      startedAt[0] = Date.now();
      Atomics.store(running, 0, index);
      results.push([index, checkOrSkip(strikes, check, batch.scripts[check.script]!)]);
      if (Date.now() - flushedAt >= limits.flushMs) {
        port.postMessage({ results, done: false });
        results = [];
        flushedAt = Date.now();
      }
    }
    Atomics.store(running, 0, -1);
    port.postMessage({ results, done: true });
  });
}
