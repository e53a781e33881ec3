// Hostile Lua health checks: scripts that loop (in pcall, coroutines, metamethods), match
// catastrophic patterns, build huge strings or tables, reach for files and code loading, or
// return nonsense. Each one's object becomes Unknown (or gets the one answer a sandbox allows)
// within its limits, saying which script and which limit; a normal check on another object,
// asked at the same time and again afterwards, is still right.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import {
  healthCustomizationsFromSettings,
  healthOf,
  healthOfEach,
  loadHealthCustomizations,
  stopHealthScripts,
  type HealthCustomizations,
  type HealthResult,
  type KubeObject,
} from '../../engine/health/index.ts';
import { badInputCases, type BadInputCase, type OutsideMarker } from './corpus.ts';
import { tempDir } from '../support/tempDir.ts';

/** The time limit the hostile scripts get. */
const LIMIT_MS = 300;
const HOSTILE_KEY = 'hostile.example.org/*';

const hostile = (name = 'x'): KubeObject => ({
  apiVersion: 'hostile.example.org/v1',
  kind: 'Thing',
  metadata: { name, namespace: 'lua' },
});
const normalObject: KubeObject = { apiVersion: 'example.org/v1', kind: 'Normal', metadata: { name: 'web' } };
const normalChecks = healthCustomizationsFromSettings({
  'example.org/Normal': { script: 'return { status = "Healthy", message = "normal " .. obj.metadata.name }' },
});
const NORMAL: HealthResult = { status: 'Healthy', message: 'normal web' };

afterAll(() => stopHealthScripts());
const customizationsDir = tempDir('plumbline-lua-');

function settingsChecks(script: string, timeoutMs = LIMIT_MS): HealthCustomizations {
  return healthCustomizationsFromSettings({ [HOSTILE_KEY]: { script, useOpenLibs: true } }, { timeoutMs });
}

/**
 * Judges the hostile object and, at the same time, a normal one; the normal one again
 * afterwards. Fails past `withinMs` (the case's own limit, under the test's timeout).
 */
async function judge(
  custom: HealthCustomizations,
  withinMs: number,
): Promise<{ hostile: HealthResult | null; elapsedMs: number }> {
  const started = Date.now();
  const [result, normal] = await Promise.all([
    healthOf(hostile(), custom),
    healthOf(normalObject, normalChecks),
  ]);
  const elapsedMs = Date.now() - started;
  expect(normal, 'a normal check asked at the same time').toEqual(NORMAL);
  expect(await healthOf(normalObject, normalChecks), 'a normal check afterwards').toEqual(NORMAL);
  expect(elapsedMs, 'time to judge the hostile object').toBeLessThan(withinMs);
  return { hostile: result, elapsedMs };
}

interface LuaCase {
  name: string;
  outcome: string;
  /** `MARKER` in it becomes the path of the file outside that must never be read */
  script: string;
  /** the message (Unknown unless `status` says otherwise) */
  message: RegExp;
  status?: HealthResult['status'];
  timeoutMs?: number;
  withinMs?: number;
}

function luaCase({
  name,
  outcome,
  script,
  message,
  status = 'Unknown',
  timeoutMs,
  withinMs = 10_000,
}: LuaCase) {
  return {
    name,
    outcome,
    timeoutMs: withinMs + 10_000,
    run: async (marker: OutsideMarker) => {
      const { hostile: result } = await judge(
        settingsChecks(script.replaceAll('MARKER', marker.path), timeoutMs),
        withinMs,
      );
      expect(result?.status, JSON.stringify(result)).toBe(status);
      expect(result?.message).toMatch(message);
      return result;
    },
  } satisfies BadInputCase;
}

const NAMED = 'settings hostile\\.example\\.org/\\*';
const timedOut = new RegExp(`^${NAMED}: health script ran longer than ${LIMIT_MS} ms$`);
const stoppedInLibrary = new RegExp(
  `^${NAMED}: health script ran longer than ${LIMIT_MS} ms and was stopped inside a library call`,
);
const TIME = `Unknown: ran longer than ${LIMIT_MS} ms`;
/** 1 MB, built fast. */
const MEGABYTE = 'local mb = "x" for i = 1, 20 do mb = mb .. mb end';

const loops: LuaCase[] = [
  {
    name: '`while true do end`',
    outcome: TIME,
    script: 'while true do end',
    message: timedOut,
  },
  {
    name: 'a loop inside pcall inside a loop (the time error caught and ignored)',
    outcome: TIME,
    script: 'while true do pcall(function() while true do end end) end',
    message: timedOut,
  },
  {
    name: 'xpcall whose message handler loops',
    outcome: TIME,
    script: 'while true do xpcall(function() error("x") end, function() while true do end end) end',
    message: timedOut,
  },
  {
    name: 'a coroutine that yields forever, resumed in a loop that ignores its errors',
    outcome: TIME,
    script: `local co = coroutine.create(function() while true do coroutine.yield() end end)
      while true do coroutine.resume(co) end`,
    message: timedOut,
  },
  {
    name: 'a coroutine that loops, wrapped in pcall',
    outcome: TIME,
    script: 'while true do pcall(coroutine.wrap(function() while true do end end)) end',
    message: timedOut,
  },
  {
    name: 'infinite recursion',
    outcome: `Unknown: stack overflow, or its time or memory limit on the way there`,
    script: 'local function f() return 1 + f() end return { status = "Healthy", message = f() }',
    message: new RegExp(
      // under load the deep stack's growth itself may be where the watchdog stops it
      `stack overflow|^${NAMED}: health script (ran longer than ${LIMIT_MS} ms( and was stopped inside a library call.*)?|needed more than 64 MB of memory and was stopped)$`,
    ),
  },
  ...(
    [
      ['__index', 'local _ = t.anything'],
      ['__newindex', 't.anything = 1'],
      ['__tostring', 'local _ = tostring(t)'],
      ['__eq', 'local _ = t == setmetatable({}, getmetatable(t))'],
      ['__len', 'local _ = #t'],
      ['__concat', 'local _ = t .. "x"'],
      ['__call', 't()'],
      ['__lt', 'local _ = t < t'],
    ] as const
  ).map(([event, use]): LuaCase => ({
    name: `\`while true do end\` in a ${event} metamethod`,
    outcome: TIME,
    script: `local t = setmetatable({}, { ${event} = function() while true do end end })
        ${use}
        return { status = "Healthy" }`,
    message: timedOut,
  })),
  {
    name: 'a loop in pairs() over a table whose iterator never ends',
    outcome: TIME,
    script: 'for _ in function() return 1 end do end',
    message: timedOut,
  },
];

const patterns: LuaCase[] = [
  {
    name: 'a catastrophic pattern in string.find (20 `a*` against 40 a, no b)',
    outcome: 'Unknown: stopped by the watchdog inside the pattern match',
    script:
      'return { status = "Healthy", message = tostring(string.find(string.rep("a", 40), string.rep("a*", 20) .. "b")) }',
    message: stoppedInLibrary,
  },
  {
    name: 'a catastrophic pattern in string.match with `.-` chains',
    outcome: 'Unknown: stopped by the watchdog inside the pattern match',
    script:
      'return { status = "Healthy", message = tostring(string.match(string.rep("ab", 30), string.rep(".-a", 25) .. "$c")) }',
    message: stoppedInLibrary,
  },
  {
    name: 'string.gsub of a 100 KB string with a 1 KB replacement at every position',
    outcome: 'Unknown: a string limit, or stopped by the watchdog',
    script:
      'local s, r = string.rep("a", 100000), string.rep("b", 1000) return { status = "Healthy", message = s:gsub("", r) }',
    message: new RegExp(
      `^${NAMED}: health script (built a string larger than 16 MB|ran longer than ${LIMIT_MS} ms)`,
    ),
  },
];

const memory: LuaCase[] = [
  {
    name: 'a string doubled 40 times',
    outcome: 'Unknown: built a string larger than 16 MB',
    script: `${MEGABYTE} local s = mb for i = 1, 40 do s = s .. s end return { status = "Healthy", message = #s }`,
    message: new RegExp(`^${NAMED}: health script built a string larger than 16 MB$`),
  },
  {
    name: 'string.rep with a string count ("1e9")',
    outcome: 'Unknown: string.rep refuses the size',
    script: 'return { status = "Healthy", message = string.rep("x", "1e9") }',
    message: /string\.rep: result larger than 16777216 bytes$/,
  },
  {
    name: 'string.rep with a separator and a huge count',
    outcome: 'Unknown: string.rep refuses the size',
    script: 'return { status = "Healthy", message = string.rep("", 2^40, "sep") }',
    message: /string\.rep: result larger than 16777216 bytes$/,
  },
  {
    name: 'a hundred 1 MB strings kept in a table (each under the size limit)',
    outcome: 'Unknown: built more than 64 MB of strings',
    script: `${MEGABYTE} local t = {} for i = 1, 100 do t[i] = mb .. i end return { status = "Healthy", message = #t }`,
    message: new RegExp(`^${NAMED}: health script built more than 64 MB of strings$`),
  },
  {
    name: 'table.concat of forty 1 MB strings',
    outcome: 'Unknown: built a string larger than 16 MB',
    script: `${MEGABYTE} local t = {} for i = 1, 40 do t[i] = mb end return { status = "Healthy", message = table.concat(t) }`,
    message: new RegExp(`^${NAMED}: health script built a string larger than 16 MB$`),
  },
  {
    name: 'string.format of a 1 MB string twenty times over',
    outcome: 'Unknown: built a string larger than 16 MB',
    script: `${MEGABYTE} return { status = "Healthy", message = string.format(string.rep("%s", 20), ${Array(20).fill('mb').join(', ')}) }`,
    message: new RegExp(`^${NAMED}: health script built a string larger than 16 MB$`),
  },
  {
    name: 'a huge table (millions of entries made by C-side unpacking)',
    outcome: 'Unknown: needed more than 64 MB of memory (the worker ended)',
    script: `local s = "x" for i = 1, 19 do s = s .. s end
      local keep = {} for i = 1, 100 do keep[i] = { s:byte(1, 500000) } end
      return { status = "Healthy", message = #keep }`,
    message: new RegExp(`^${NAMED}: health script needed more than 64 MB of memory and was stopped$`),
    timeoutMs: 60_000,
    withinMs: 50_000,
  },
];

const results: LuaCase[] = [
  {
    name: 'setmetatable on the result table: status behind a looping __index',
    outcome: 'Unknown: invalid status (the result is read raw, no metamethod runs)',
    script: 'return setmetatable({}, { __index = function() while true do end end })',
    message: /^Lua returned an invalid health status$/,
  },
  {
    name: 'a result whose status is a table with a looping __tostring',
    outcome: 'Unknown: invalid status',
    script: 'return { status = setmetatable({}, { __tostring = function() while true do end end }) }',
    message: /^Lua returned an invalid health status$/,
  },
  {
    name: 'a result whose message is a table with looping __tostring and __concat',
    outcome: 'Unknown: the message is not a string',
    script: `local loop = function() while true do end end
      return { status = "Healthy", message = setmetatable({}, { __tostring = loop, __concat = loop }) }`,
    message: /^Lua returned a message that is not a string$/,
  },
  {
    name: 'an error object that is a table with a looping __tostring',
    outcome: 'Unknown: says the error object is a table',
    script: 'error(setmetatable({}, { __tostring = function() while true do end end }))',
    message: new RegExp(`^${NAMED}: \\(error object is a table value\\)$`),
  },
  {
    name: 'a result that is a string',
    outcome: 'Unknown: expects a table',
    script: 'return "Healthy"',
    message: /^expect table output from Lua script, not string$/,
  },
  {
    name: 'a result that is a function',
    outcome: 'Unknown: expects a table',
    script: 'return function() while true do end end',
    message: /^expect table output from Lua script, not function$/,
  },
  {
    name: 'a status not in the vocabulary',
    outcome: 'Unknown: invalid status',
    script: 'return { status = "Great", message = "all good" }',
    message: /^Lua returned an invalid health status$/,
  },
  {
    name: 'a 1 MB message',
    outcome: 'Healthy, the message cut at 8192 bytes',
    script: `${MEGABYTE} return { status = "Healthy", message = mb }`,
    status: 'Healthy',
    message: /^x{8192}… \(1048576 bytes\)$/,
  },
  {
    name: 'load, dofile, loadfile, require, io, os.execute, debug and package, aimed at a file outside',
    outcome: 'Healthy: none of them is there; require knows only the sandbox modules',
    script: `local found = {}
      for _, name in ipairs({ "load", "loadstring", "dofile", "loadfile", "io", "debug", "package", "collectgarbage" }) do
        if _G[name] ~= nil then found[#found + 1] = name end
      end
      for _, name in ipairs({ "execute", "getenv", "remove", "rename", "exit", "tmpname" }) do
        if os[name] ~= nil then found[#found + 1] = "os." .. name end
      end
      local _, viaDofile = pcall(function() return dofile("MARKER") end)
      local _, viaRequire = pcall(require, "MARKER")
      local _, io = pcall(require, "io")
      return { status = "Healthy", message = "found: [" .. table.concat(found, ",") .. "] " .. tostring(viaDofile) .. " | " .. tostring(viaRequire):gsub("'.*'", "'…'") .. " | " .. tostring(io) }`,
    status: 'Healthy',
    message:
      /^found: \[\] .*attempt to call a nil value \(global 'dofile'\) \| .*module '…' not found \| .*module 'io' not found$/,
  },
];

const scriptsThatKeepFailing: BadInputCase = {
  name: 'a script that loops on every object of its kind (five objects)',
  outcome: 'Unknown for each; after 3 in a row the script is skipped, the others answer at once',
  timeoutMs: 30_000,
  run: async () => {
    const custom = settingsChecks('while true do end');
    const started = Date.now();
    const objects = ['a', 'b', 'c', 'd', 'e'].map((name) => hostile(name));
    const [judged, normal] = await Promise.all([
      healthOfEach(objects, custom),
      healthOf(normalObject, normalChecks),
    ]);
    expect(normal).toEqual(NORMAL);
    for (const result of judged.slice(0, 3)) expect(result?.message).toMatch(timedOut);
    for (const skipped of judged.slice(3))
      expect(skipped?.message).toMatch(
        /ran longer than 300 ms \(on 3 objects in a row: not run again for 60 s\)$/,
      );
    // Three runs to the limit; the skipped ones cost nothing.
    expect(Date.now() - started).toBeLessThan(10_000);
    return judged;
  },
};

const directoryScript: BadInputCase = {
  name: 'a looping health.lua in a resource_customizations folder',
  outcome: 'Unknown naming the file (group/kind/health.lua) and the limit',
  run: async () => {
    const dir = customizationsDir;
    await mkdir(join(dir, 'hostile.example.org', 'Thing'), { recursive: true });
    await writeFile(join(dir, 'hostile.example.org', 'Thing', 'health.lua'), 'while true do end');
    const custom = await loadHealthCustomizations(dir, { timeoutMs: LIMIT_MS });
    const { hostile: result } = await judge(custom, 10_000);
    expect(result).toEqual({
      status: 'Unknown',
      message: `hostile.example.org/Thing/health.lua: health script ran longer than ${LIMIT_MS} ms`,
    });
    return result;
  },
};

badInputCases('Lua health checks', [
  ...[...loops, ...patterns, ...memory, ...results].map(luaCase),
  scriptsThatKeepFailing,
  directoryScript,
]);
