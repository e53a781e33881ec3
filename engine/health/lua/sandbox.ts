// The Lua sandbox a health script runs in: a fresh state per run, as in Argo CD, with the
// libraries Argo CD opens, a time limit enforced by an instruction-count hook, and the
// object as the global `obj`. Scripts are compiled once; each run loads the bytecode.
import { HealthCheckError, isHealthStatus, health, type HealthResult, type KubeObject } from '../types.ts';
import { fengari, type LuaApi, type LuaState } from './fengari.ts';

/** Argo CD gives a script one second. */
export const DEFAULT_TIMEOUT_MS = 1000;
/** Instructions between two looks at the clock. */
const HOOK_INTERVAL = 1000;

export interface CompiledScript {
  /** Where the script came from, as error messages name it. */
  name: string;
  bytecode: Uint8Array;
  /**
   * string, math and coroutine (and Lua 5.1 helpers) are open: always for scripts from a
   * customizations directory; for scripts from settings only when asked, as in Argo CD.
   */
  openLibs: boolean;
}

const PRELUDE = `
-- Runs in every fresh Lua state before a health script: the sandbox Argo CD gives its
-- scripts (no files, no loading code, a safe os), and the Lua 5.1 names that scripts
-- written for Argo CD's gopher-lua use. The argument says whether string, math and coroutine are open.
local openLibs = ...

local time, date = os.time, os.date
os = { time = time, date = date }

dofile, loadfile, load, loadstring, collectgarbage = nil, nil, nil, nil, nil
print = function() end

unpack = table.unpack
table.getn = function(t) return #t end
table.maxn = function(t)
  local max = 0
  for k in pairs(t) do
    if type(k) == "number" and k > max then max = k end
  end
  return max
end

if openLibs then
  math.pow = function(x, y) return x ^ y end
  math.log10 = function(x) return math.log(x, 10) end
  math.mod = math.fmod
  string.gfind = string.gmatch
  -- one call must not exhaust memory
  local rep, limit = string.rep, 16 * 1024 * 1024
  string.rep = function(s, n, sep)
    local size = #tostring(s) + (sep and #tostring(sep) or 0)
    if type(n) == "number" and n * size > limit then
      error("string.rep: result larger than " .. limit .. " bytes", 2)
    end
    return rep(s, n, sep)
  end
end

local modules = { os = os, table = table, string = string, math = math }
require = function(name)
  local module = modules[name]
  if module == nil then error("module '" .. tostring(name) .. "' not found", 2) end
  return module
end
`;

let preludeBytecode: Uint8Array | undefined;
let compiler: LuaState | undefined;

/** Compiles a script once; a syntax error comes back as a message. */
export function compileScript(
  name: string,
  source: string,
  openLibs: boolean,
): { script: CompiledScript } | { error: string } {
  const api = fengari();
  compiler ??= api.lauxlib.luaL_newstate();
  const result = dump(api, compiler, name, source);
  return 'error' in result ? result : { script: { name, bytecode: result.bytecode, openLibs } };
}

function dump(
  api: LuaApi,
  L: LuaState,
  name: string,
  source: string,
): { bytecode: Uint8Array } | { error: string } {
  const { lua, lauxlib, to_luastring } = api;
  const text = to_luastring(source);
  const status = lauxlib.luaL_loadbufferx(L, text, text.length, to_luastring(`=${name}`), to_luastring('t'));
  if (status !== lua.LUA_OK) {
    const error = lua.lua_tojsstring(L, -1);
    lua.lua_settop(L, 0);
    return { error };
  }
  const chunks: Uint8Array[] = [];
  lua.lua_dump(L, (_L, bytes, size) => (chunks.push(bytes.slice(0, size)), 0), false);
  lua.lua_settop(L, 0);
  const bytecode = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytecode.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytecode };
}

function preludeChunk(api: LuaApi): Uint8Array {
  if (!preludeBytecode) {
    const result = dump(api, (compiler ??= api.lauxlib.luaL_newstate()), 'prelude', PRELUDE);
    if ('error' in result) throw new Error(`health sandbox prelude: ${result.error}`);
    preludeBytecode = result.bytecode;
  }
  return preludeBytecode;
}

/** Pushes a JSON value as Lua does after Argo CD's decoding: null is nil, numbers are floats. */
function push(api: LuaApi, L: LuaState, value: unknown): void {
  const { lua, to_luastring } = api;
  if (!lua.lua_checkstack(L, 2)) throw new HealthCheckError('object too deeply nested for Lua');
  if (value === null || value === undefined) lua.lua_pushnil(L);
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (typeof value === 'number') lua.lua_pushnumber(L, value);
  else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
  else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item: unknown, i) => {
      if (item === null || item === undefined) return;
      push(api, L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== null && item !== undefined);
    lua.lua_createtable(L, 0, entries.length);
    for (const [key, item] of entries) {
      push(api, L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  } else lua.lua_pushnil(L);
}

function load(api: LuaApi, L: LuaState, bytecode: Uint8Array, name: string): void {
  const { lua, lauxlib, to_luastring } = api;
  const status = lauxlib.luaL_loadbufferx(
    L,
    bytecode,
    bytecode.length,
    to_luastring(`=${name}`),
    to_luastring('b'),
  );
  if (status !== lua.LUA_OK) throw new HealthCheckError(lua.lua_tojsstring(L, -1));
}

function openLibraries(api: LuaApi, L: LuaState, openLibs: boolean): void {
  const { lua, lauxlib, lualib, to_luastring } = api;
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
  load(api, L, preludeChunk(api), 'prelude');
  lua.lua_pushboolean(L, openLibs);
  if (lua.lua_pcall(L, 1, 0, 0) !== lua.LUA_OK)
    throw new Error(`health sandbox: ${lua.lua_tojsstring(L, -1)}`);
}

/** The message of the error value on top of the stack, whatever its type. */
function errorMessage(api: LuaApi, L: LuaState): string {
  return api.to_jsstring(api.lauxlib.luaL_tolstring(L, -1));
}

function readResult(api: LuaApi, L: LuaState): HealthResult {
  const { lua, to_luastring } = api;
  const type = lua.lua_type(L, -1);
  if (type !== lua.LUA_TTABLE) {
    const typeName = api.to_jsstring(lua.lua_typename(L, type));
    throw new HealthCheckError(`expect table output from Lua script, not ${typeName}`);
  }
  lua.lua_getfield(L, -1, to_luastring('status'));
  const status = lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : undefined;
  lua.lua_pop(L, 1);
  if (!isHealthStatus(status)) return health('Unknown', 'Lua returned an invalid health status');
  const messageType = lua.lua_getfield(L, -1, to_luastring('message'));
  if (messageType === lua.LUA_TNIL) return health(status);
  if (messageType !== lua.LUA_TSTRING && messageType !== lua.LUA_TNUMBER) {
    throw new HealthCheckError(`Lua returned a message that is not a string`);
  }
  return health(status, lua.lua_tojsstring(L, -1));
}

/**
 * Runs a compiled health script on an object. Throws {@link HealthCheckError} for what
 * makes the object Unknown: a runtime error, a script out of time, a result not a table.
 */
export function runHealthScript(
  script: CompiledScript,
  obj: KubeObject,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): HealthResult {
  const api = fengari();
  const { lua, lauxlib, to_luastring } = api;
  const L = lauxlib.luaL_newstate();
  try {
    openLibraries(api, L, script.openLibs);
    push(api, L, obj);
    lua.lua_setglobal(L, to_luastring('obj'));
    load(api, L, script.bytecode, script.name);
    const deadline = Date.now() + timeoutMs;
    lua.lua_sethook(
      L,
      (hooked) => {
        if (Date.now() <= deadline) return;
        lua.lua_pushstring(
          hooked,
          to_luastring(`${script.name}: health script ran longer than ${timeoutMs} ms`),
        );
        lua.lua_error(hooked);
      },
      lua.LUA_MASKCOUNT,
      HOOK_INTERVAL,
    );
    if (lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) throw new HealthCheckError(errorMessage(api, L));
    lua.lua_sethook(L, null, 0, 0);
    return readResult(api, L);
  } catch (error) {
    if (error instanceof HealthCheckError) throw error;
    // fengari raises JavaScript errors (out of memory, stack) through pcall as they are.
    throw new HealthCheckError(`${script.name}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    lua.lua_close(L);
  }
}
