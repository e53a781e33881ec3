// The resource tree drawn on a pannable, zoomable canvas: drag to pan, wheel to zoom around the
// pointer. Only the cards and edges near the screen are rendered, so a tree of hundreds of
// objects pans as smoothly as a small one.
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { NodeCard, type CardActions } from './NodeCard.tsx';
import type { TreeGraph } from './treeGraph.ts';
import { CARD, type TreeLayout } from './treeLayout.ts';
import {
  cardRect,
  fitTransform,
  intersects,
  OVERVIEW_SCALE,
  visibleWorld,
  zoomAt,
  type Rect,
  type Transform,
} from './viewport.ts';

/** Pointer travel that turns a press into a drag rather than a click. */
const DRAG_THRESHOLD = 4;
const HOME: Transform = { x: 24, y: 24, scale: 1 };
const PAN_STEP = 80;

function edgePath(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const x1 = from.x + CARD.width;
  const y1 = from.y + CARD.height / 2;
  const y2 = to.y + CARD.height / 2;
  const bend = (to.x - x1) / 2;
  return `M${x1},${y1} C${x1 + bend},${y1} ${to.x - bend},${y2} ${to.x},${y2}`;
}

function useSize(ref: React.RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export function TreeCanvas({
  graph,
  layout,
  selectedId,
  actions,
}: {
  graph: TreeGraph;
  layout: TreeLayout;
  selectedId: string | null;
  actions: CardActions;
}) {
  const container = useRef<HTMLDivElement>(null);
  const size = useSize(container);
  const [transform, setTransform] = useState<Transform>(HOME);
  const drag = useRef<{ x: number; y: number; from: Transform; moved: boolean } | null>(null);
  // A drag ends in a click on whatever card is under the pointer; that click is not a selection.
  const swallowClick = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Not a React handler: React's wheel listeners are passive and cannot stop page scrolling.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const bounds = element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015));
      setTransform((t) => zoomAt(t, factor, event.clientX - bounds.left, event.clientY - bounds.top));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent) => {
    swallowClick.current = false;
    if (event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, from: transform, moved: false };
  };
  const onPointerMove = (event: PointerEvent) => {
    const start = drag.current;
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!start.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!start.moved) container.current?.setPointerCapture(event.pointerId);
    start.moved = true;
    setTransform({ ...start.from, x: start.from.x + dx, y: start.from.y + dy });
  };
  const onPointerUp = () => {
    // A drag ends in a click on whatever card is under the pointer; swallow that one click.
    if (drag.current?.moved)
      window.addEventListener('click', (e) => e.stopPropagation(), { capture: true, once: true });
    drag.current = null;
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    };
    const zoom: Record<string, number> = { '+': 1.25, '=': 1.25, '-': 0.8 };
    if (pan[event.key]) {
      const [dx, dy] = pan[event.key] as [number, number];
      setTransform((t) => ({ ...t, x: t.x + dx, y: t.y + dy }));
    } else if (zoom[event.key]) {
      setTransform((t) => zoomAt(t, zoom[event.key] as number, size.width / 2, size.height / 2));
    } else if (event.key === '0') {
      setTransform(HOME);
    } else {
      return;
    }
    event.preventDefault();
  };

  const { cards, edges } = useMemo(() => {
    const world: Rect = visibleWorld(transform, size.width, size.height);
    const cards = [...layout.positions].filter(([, at]) =>
      intersects(world, cardRect(at, CARD.width, CARD.height)),
    );
    const edges = graph.edges.flatMap((edge) => {
      const from = layout.positions.get(edge.from);
      const to = layout.positions.get(edge.to);
      if (!from || !to) return [];
      const top = Math.min(from.y, to.y);
      const box = {
        left: from.x,
        top,
        right: to.x + CARD.width,
        bottom: Math.max(from.y, to.y) + CARD.height,
      };
      return intersects(world, box) ? [{ key: `${edge.from}>${edge.to}`, d: edgePath(from, to) }] : [];
    });
    return { cards, edges };
  }, [graph, layout, transform, size.width, size.height]);

  return (
    <div
      ref={container}
      className="tree-canvas"
      tabIndex={0}
      aria-label="Resource tree: drag or arrow keys to pan, wheel or + and − to zoom, 0 for 100%"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onClickCapture={(event) => swallowClick.current && event.stopPropagation()}
    >
      <div
        className="tree-world"
        style={{ transform: `translate(${transform.x}px, ${transform.y}px) scale(${transform.scale})` }}
      >
        <svg className="tree-edges" width={layout.width} height={layout.height} aria-hidden="true">
          {edges.map((edge) => (
            <path key={edge.key} d={edge.d} />
          ))}
        </svg>
        {cards.map(([id, at]) => {
          const item = graph.items.get(id);
          return (
            item && (
              <NodeCard
                key={id}
                item={item}
                at={at}
                selected={id === selectedId}
                overview={transform.scale < OVERVIEW_SCALE}
                actions={actions}
              />
            )
          );
        })}
      </div>
      <div className="tree-zoom" onPointerDown={(e) => e.stopPropagation()}>
        <button
          onClick={() => setTransform((t) => zoomAt(t, 1.25, size.width / 2, size.height / 2))}
          aria-label="Zoom in"
        >
          +
        </button>
        <button
          onClick={() => setTransform((t) => zoomAt(t, 0.8, size.width / 2, size.height / 2))}
          aria-label="Zoom out"
        >
          −
        </button>
        <button
          onClick={() => setTransform(fitTransform(layout.width, layout.height, size.width, size.height))}
        >
          Fit
        </button>
        <button onClick={() => setTransform(HOME)}>100%</button>
        <span className="subtle">{Math.round(transform.scale * 100)}%</span>
      </div>
    </div>
  );
}
