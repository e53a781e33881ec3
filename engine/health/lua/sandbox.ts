// The Lua sandbox a health script runs in, compile side: scripts are compiled once, in the
// engine, and run in a worker thread (checkWorker.ts, driven by runner.ts), each run in a fresh
// state as in Argo CD, with the libraries Argo CD opens and the object as the global `obj`.
import { fengari, type LuaApi, type LuaState } from './fengari.ts';

/** Argo CD gives a script one second. */
export const DEFAULT_TIMEOUT_MS = 1000;
/** Instructions between two looks at the clock. */
export const HOOK_INTERVAL = 1000;
/** The largest string a script may build (string.rep, concatenation, table.concat, gsub…). */
export const MAX_STRING_BYTES = 16 * 2 ** 20;
/** All the strings one run of a script may build together. */
export const STRING_BUDGET_BYTES = 64 * 2 ** 20;
/**
 * The heap of the thread that runs the scripts, where Lua tables live: fengari itself and a
 * batch of objects take a few MB, a check's state a few MB more.
 */
export const HEAP_LIMIT_MB = 64;

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

local time, localDate = os.time, os.date
-- fengari prints the "!" of a UTC format and ignores it (Argo CD's catalogue stamps restarts
-- with os.date("!%Y-%m-%dT%XZ")): a UTC format renders the time whose local fields are UTC's.
local sub = string and string.sub
local function date(format, t)
  if sub and type(format) == "string" and sub(format, 1, 1) == "!" and sub(format, 2, 3) ~= "*t" then
    return localDate(sub(format, 2), time(localDate("!*t", t or time())))
  end
  return localDate(format, t)
end
os = { time = time, date = date }

dofile, loadfile, load, loadstring, collectgarbage = nil, nil, nil, nil, nil
print = function() end

unpack = table.unpack

-- The message handler runs after the error has unwound, as ordinary code under the time
-- limit: called during unwinding (real xpcall), it runs with hooks off when the error is the
-- time limit's own, and could loop unbounded.
local pcall, pack, unpackAll = pcall, table.pack, table.unpack
xpcall = function(f, handler, ...)
  local results = pack(pcall(f, ...))
  if results[1] then return unpackAll(results, 1, results.n) end
  local _, handled = pcall(handler, results[2])
  return false, handled
end
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
  -- one call must not exhaust memory (a count may be a string: "1e9")
  local rep, limit = string.rep, ${MAX_STRING_BYTES}
  string.rep = function(s, n, sep)
    local size = #tostring(s) + (sep and #tostring(sep) or 0)
    local count = tonumber(n)
    if count ~= nil and count * size > limit then
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

/** The prelude, compiled, for the worker that runs the scripts. */
export function preludeChunk(api: LuaApi = fengari()): Uint8Array {
  if (!preludeBytecode) {
    const result = dump(api, (compiler ??= api.lauxlib.luaL_newstate()), 'prelude', PRELUDE);
    if ('error' in result) throw new Error(`health sandbox prelude: ${result.error}`);
    preludeBytecode = result.bytecode;
  }
  return preludeBytecode;
}
