// Loads fengari (Lua 5.3 in plain JavaScript) so that numbers print as Argo CD's
// gopher-lua prints them: integral values without ".0" ("3", not "3.0"), other values in
// Go's shortest form. fengari reads its number formatting when its modules load, so this
// module loads it once, first, with that configuration.
import { createRequire } from 'node:module';

/** The part of fengari's C-like API the health sandbox uses. */
export interface LuaApi {
  lua: {
    LUA_OK: number;
    LUA_MASKCOUNT: number;
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TTABLE: number;
    LUA_TSTRING: number;
    LUA_TNUMBER: number;
    lua_absindex(L: LuaState, index: number): number;
    lua_checkstack(L: LuaState, n: number): boolean;
    lua_next(L: LuaState, index: number): number;
    lua_toboolean(L: LuaState, index: number): boolean;
    lua_tonumber(L: LuaState, index: number): number;
    lua_topointer(L: LuaState, index: number): unknown;
    lua_close(L: LuaState): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_dump(
      L: LuaState,
      writer: (L: LuaState, bytes: Uint8Array, size: number) => number,
      strip: boolean,
    ): number;
    lua_error(L: LuaState): never;
    lua_getfield(L: LuaState, index: number, key: Uint8Array): number;
    lua_gettop(L: LuaState): number;
    lua_pcall(L: LuaState, nargs: number, nresults: number, handler: number): number;
    lua_pop(L: LuaState, n: number): void;
    lua_pushboolean(L: LuaState, value: boolean): void;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, value: number): void;
    lua_pushstring(L: LuaState, value: Uint8Array): void;
    lua_rawget(L: LuaState, index: number): number;
    lua_tolstring(L: LuaState, index: number): Uint8Array;
    lua_atnativeerror(L: LuaState, handler: LuaCFunction): LuaCFunction | null;
    lua_touserdata(L: LuaState, index: number): unknown;
    lua_rawseti(L: LuaState, index: number, i: number): void;
    lua_setfield(L: LuaState, index: number, key: Uint8Array): void;
    lua_setglobal(L: LuaState, name: Uint8Array): void;
    lua_sethook(L: LuaState, hook: ((L: LuaState) => void) | null, mask: number, count: number): void;
    lua_settop(L: LuaState, index: number): void;
    lua_tojsstring(L: LuaState, index: number): string;
    lua_type(L: LuaState, index: number): number;
    lua_typename(L: LuaState, type: number): Uint8Array;
  };
  lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbufferx(
      L: LuaState,
      buffer: Uint8Array,
      size: number,
      name: Uint8Array,
      mode: Uint8Array,
    ): number;
    luaL_requiref(L: LuaState, name: Uint8Array, open: LuaCFunction, global: number): void;
    luaL_tolstring(L: LuaState, index: number): Uint8Array;
  };
  lualib: Record<
    'luaopen_base' | 'luaopen_table' | 'luaopen_string' | 'luaopen_math' | 'luaopen_os' | 'luaopen_coroutine',
    LuaCFunction
  >;
  to_luastring(text: string): Uint8Array;
  to_jsstring(bytes: Uint8Array, from?: number, to?: number, replacementChar?: boolean): string;
}

/** An opaque lua_State. */
export type LuaState = { readonly __luaState: unique symbol };
export type LuaCFunction = (L: LuaState) => number;

/**
 * gopher-lua's LNumber.String(): an integral value as an int64, else Go's fmt.Sprint of a
 * float64 — shortest digits, in exponent form below 1e-4 and from 1e6 (Go's %g rule).
 */
export function formatLuaNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const power = Number(exp);
  if (power >= -4 && power < 6) return String(n);
  return `${mantissa}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

let loaded: LuaApi | undefined;

export function fengari(): LuaApi {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const previous = process.env.FENGARICONF;
  process.env.FENGARICONF = JSON.stringify({ LUA_COMPAT_FLOATSTRING: true });
  try {
    // defs.js first: it loads luaconf.js in the order fengari's own modules expect.
    require('fengari/src/defs.js');
    const conf = require('fengari/src/luaconf.js') as { lua_number2str: (n: number) => string };
    conf.lua_number2str = formatLuaNumber;
    loaded = require('fengari') as LuaApi;
  } finally {
    if (previous === undefined) delete process.env.FENGARICONF;
    else process.env.FENGARICONF = previous;
  }
  return loaded;
}
