// The glob matching Argo CD's project rules use (gobwas/glob): `*` matches a run of characters
// other than the separators, `**` any run at all, `?` one non-separator character, `[abc]`,
// `[!abc]`, `[a-z]` one character of a class, `{a,b}` alternatives, `\` escapes. Without
// separators `*` and `**` are the same. A malformed pattern (an unclosed `[` or `{`) matches
// nothing, as in Argo CD, which logs and returns false.
//
// Patterns come from project files anyone may edit, so matching must not backtrack: the pattern
// becomes a small automaton that is run over the text once, in time proportional to pattern
// length × text length, whatever the pattern (`**/**/**/…` included).

type CharTest = (c: string) => boolean;

/** One automaton state: consumes a character matching `test` and goes to `next`, or splits. */
interface State {
  test?: CharTest;
  next: number[];
}

class Automaton {
  readonly states: State[] = [];
  add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }
}

interface Parser {
  pattern: string;
  at: number;
  separators: string;
}

/** A compiled fragment: its entry state and the dangling exits to patch to whatever follows. */
interface Fragment {
  start: number;
  exits: Array<(target: number) => void>;
}

function classTest(body: string): CharTest {
  const negated = body.startsWith('!');
  const chars = [...(negated ? body.slice(1) : body)];
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      ranges.push([c, chars[i + 2]!]);
      i += 2;
    } else ranges.push([c, c]);
  }
  return (c) => ranges.some(([low, high]) => c >= low && c <= high) !== negated;
}

/** Parses a sequence up to the end, or up to `,`/`}` inside alternatives; throws when malformed. */
function compileSequence(parser: Parser, automaton: Automaton, inAlternatives: boolean): Fragment {
  // the sequence's entry is an empty split state whose exit is patched to the first element
  const entry = automaton.add({ next: [] });
  let exits: Fragment['exits'] = [(target) => automaton.states[entry]!.next.push(target)];
  const append = (fragment: Fragment) => {
    for (const exit of exits) exit(fragment.start);
    exits = fragment.exits;
  };
  const single = (test: CharTest): Fragment => {
    const state = automaton.add({ test, next: [] });
    return { start: state, exits: [(target) => automaton.states[state]!.next.push(target)] };
  };
  const { pattern, separators } = parser;
  const nonSeparator: CharTest = (c) => !separators.includes(c);
  while (parser.at < pattern.length) {
    const c = pattern[parser.at]!;
    if (inAlternatives && (c === ',' || c === '}')) break;
    parser.at += 1;
    if (c === '*') {
      let superStar = separators === '';
      while (pattern[parser.at] === '*') {
        superStar = true;
        parser.at += 1;
      }
      // a loop: split into (one character, back to the split) or on
      const split = automaton.add({ next: [] });
      const step = automaton.add({ test: superStar ? () => true : nonSeparator, next: [split] });
      automaton.states[split]!.next.push(step);
      append({ start: split, exits: [(target) => automaton.states[split]!.next.push(target)] });
    } else if (c === '?') append(single(nonSeparator));
    else if (c === '[') {
      const end = pattern.indexOf(']', parser.at + 1);
      if (end < 0) throw new Error('unclosed "["');
      append(single(classTest(pattern.slice(parser.at, end))));
      parser.at = end + 1;
    } else if (c === '{') {
      const branches: Fragment[] = [];
      for (;;) {
        branches.push(compileSequence(parser, automaton, true));
        const closing = pattern[parser.at];
        if (closing === undefined) throw new Error('unclosed "{"');
        parser.at += 1;
        if (closing === '}') break;
      }
      const split = automaton.add({ next: branches.map((branch) => branch.start) });
      append({ start: split, exits: branches.flatMap((branch) => branch.exits) });
    } else if (c === '\\' && parser.at < pattern.length) {
      const literal = pattern[parser.at]!;
      parser.at += 1;
      append(single((t) => t === literal));
    } else append(single((t) => t === c));
  }
  return { start: entry, exits };
}

interface Compiled {
  automaton: Automaton;
  start: number;
  accept: number;
}

const compiledCache = new Map<string, Compiled | null>();
const CACHE_LIMIT = 1_000;

function compile(pattern: string, separators: string): Compiled | null {
  const key = `${separators}\u0000${pattern}`;
  if (compiledCache.has(key)) return compiledCache.get(key)!;
  let compiled: Compiled | null;
  try {
    const automaton = new Automaton();
    const parser = { pattern, at: 0, separators };
    const fragment = compileSequence(parser, automaton, false);
    const accept = automaton.add({ next: [] });
    for (const exit of fragment.exits) exit(accept);
    compiled = { automaton, start: fragment.start, accept };
  } catch {
    compiled = null;
  }
  if (compiledCache.size >= CACHE_LIMIT) compiledCache.clear();
  compiledCache.set(key, compiled);
  return compiled;
}

/** Whether `text` matches `pattern`; `separators` are the characters `*` and `?` do not cross. */
export function policyGlobMatch(pattern: string, text: string, separators = ''): boolean {
  const compiled = compile(pattern, separators);
  if (!compiled) return false;
  const { states } = compiled.automaton;
  // state lists with a generation mark per state: no allocation per character
  const mark = new Uint32Array(states.length);
  let generation = 1;
  let current = new Int32Array(states.length);
  let next = new Int32Array(states.length);
  const stack: number[] = [];
  /** Adds the states reachable from `from` without consuming a character to `into`. */
  const addClosure = (from: number, into: Int32Array, size: number): number => {
    stack.push(from);
    while (stack.length > 0) {
      const index = stack.pop()!;
      if (mark[index] === generation) continue;
      mark[index] = generation;
      const state = states[index]!;
      if (state.test) into[size++] = index;
      else if (index === compiled.accept) into[size++] = index;
      else for (const target of state.next) stack.push(target);
    }
    return size;
  };
  let currentSize = addClosure(compiled.start, current, 0);
  for (const c of text) {
    generation += 1;
    let nextSize = 0;
    for (let i = 0; i < currentSize; i++) {
      const state = states[current[i]!]!;
      if (state.test?.(c)) for (const target of state.next) nextSize = addClosure(target, next, nextSize);
    }
    if (nextSize === 0) return false;
    [current, next] = [next, current];
    currentSize = nextSize;
  }
  for (let i = 0; i < currentSize; i++) if (current[i] === compiled.accept) return true;
  return false;
}
