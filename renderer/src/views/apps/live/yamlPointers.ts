// Which lines of an object's YAML hold the fields named by JSON pointers, so the diff can show
// only the changed fields. Each field brings its ancestors' key lines (and the `name` of list
// items it sits in) so a reader sees where the field lives.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** 1-based line of each character offset, by binary search over line starts. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

interface Step {
  /** Where the step's key (or list item) begins. */
  start: number;
  node: Node | null;
}

/** The nodes along a pointer, or null when this side lacks the field. */
function walk(root: Node | null, segments: string[]): Step[] | null {
  const steps: Step[] = [];
  let current: Node | null = root;
  for (const segment of segments) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair || !isPair(pair)) return null;
      const key = pair.key as Node;
      current = (pair.value as Node | null) ?? null;
      steps.push({ start: key.range?.[0] ?? 0, node: current });
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)] as Node | undefined;
      if (!/^\d+$/.test(segment) || !item) return null;
      current = item;
      steps.push({ start: item.range?.[0] ?? 0, node: item });
    } else {
      return null;
    }
  }
  return steps;
}

export function linesOfPointers(yamlText: string, pointers: readonly string[]): Set<number> {
  const lines = new Set<number>();
  if (yamlText === '' || pointers.length === 0) return lines;
  const document = parseDocument(yamlText, { uniqueKeys: false });
  const root = (document.contents as Node | null) ?? null;
  const lineOf = lineLocator(yamlText);
  const addRange = (from: number, to: number): void => {
    for (let line = lineOf(from); line <= lineOf(Math.max(from, to - 1)); line++) lines.add(line);
  };
  for (const pointer of pointers) {
    const steps = walk(root, decodePointer(pointer));
    if (steps === null) continue;
    if (steps.length === 0) {
      addRange(0, yamlText.length);
      continue;
    }
    for (const step of steps.slice(0, -1)) {
      lines.add(lineOf(step.start));
      if (isMap(step.node)) {
        const name = step.node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'name');
        const nameStart = (name?.key as Node | undefined)?.range?.[0];
        if (nameStart !== undefined) lines.add(lineOf(nameStart));
      }
    }
    const last = steps[steps.length - 1] as Step;
    addRange(last.start, last.node?.range?.[1] ?? last.start + 1);
  }
  return lines;
}
