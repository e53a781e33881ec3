// Left-to-right layered layout of the tree graph: one column per depth, every leaf on its own
// row, every parent centred on its children. Each subtree owns a band of rows, so cards never
// overlap; it runs in linear time, once per tree change (the caller memoises it).
export interface CardSize {
  width: number;
  height: number;
  columnGap: number;
  rowGap: number;
}

export const CARD: CardSize = { width: 240, height: 70, columnGap: 70, rowGap: 14 };

export interface Placement {
  x: number;
  y: number;
}

export interface TreeLayout {
  positions: Map<string, Placement>;
  width: number;
  height: number;
}

export function layoutTree(
  rootId: string,
  children: ReadonlyMap<string, readonly string[]>,
  size: CardSize = CARD,
): TreeLayout {
  const rowOf = new Map<string, number>();
  const depthOf = new Map<string, number>([[rootId, 0]]);
  let nextRow = 0;
  let maxDepth = 0;
  // Iterative post-order: deep trees cannot overflow the stack, and an item reached twice (a
  // cycle in bad input) is placed once, under the first parent that reached it.
  const stack: { id: string; kids: string[] | null }[] = [{ id: rootId, kids: null }];
  const seen = new Set<string>([rootId]);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { id: string; kids: string[] | null };
    if (frame.kids === null) {
      const depth = depthOf.get(frame.id) ?? 0;
      frame.kids = (children.get(frame.id) ?? []).filter((kid) => !seen.has(kid));
      for (const kid of frame.kids) {
        seen.add(kid);
        depthOf.set(kid, depth + 1);
        maxDepth = Math.max(maxDepth, depth + 1);
      }
      for (let k = frame.kids.length - 1; k >= 0; k--)
        stack.push({ id: frame.kids[k] as string, kids: null });
      continue;
    }
    stack.pop();
    const first = frame.kids.length > 0 ? rowOf.get(frame.kids[0] as string) : undefined;
    const last = frame.kids.length > 0 ? rowOf.get(frame.kids[frame.kids.length - 1] as string) : undefined;
    rowOf.set(frame.id, first === undefined || last === undefined ? nextRow++ : (first + last) / 2);
  }
  const rowPitch = size.height + size.rowGap;
  const columnPitch = size.width + size.columnGap;
  const positions = new Map<string, Placement>();
  for (const [id, row] of rowOf) {
    positions.set(id, { x: (depthOf.get(id) ?? 0) * columnPitch, y: row * rowPitch });
  }
  return {
    positions,
    width: (maxDepth + 1) * columnPitch - size.columnGap,
    height: Math.max(1, nextRow) * rowPitch - size.rowGap,
  };
}
