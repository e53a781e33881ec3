// What part of the tree canvas is on screen, so only the cards and edges there are rendered,
// and the pan/zoom arithmetic the canvas needs.
import type { Placement } from './treeLayout.ts';

export interface Transform {
  x: number;
  y: number;
  scale: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const MIN_SCALE = 0.05;
/** Below this scale cards are too small to read: they are drawn as coloured blocks. */
export const OVERVIEW_SCALE = 0.4;
export const MAX_SCALE = 2;

/** The world rectangle a screen of `width` × `height` shows, grown by `margin` screen pixels. */
export function visibleWorld(transform: Transform, width: number, height: number, margin = 200): Rect {
  return {
    left: (-transform.x - margin) / transform.scale,
    top: (-transform.y - margin) / transform.scale,
    right: (width - transform.x + margin) / transform.scale,
    bottom: (height - transform.y + margin) / transform.scale,
  };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export function cardRect(at: Placement, width: number, height: number): Rect {
  return { left: at.x, top: at.y, right: at.x + width, bottom: at.y + height };
}

/** Zooms by `factor` keeping the world point under the screen point (px, py) in place. */
export function zoomAt(transform: Transform, factor: number, px: number, py: number): Transform {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, transform.scale * factor));
  const ratio = scale / transform.scale;
  return { scale, x: px - (px - transform.x) * ratio, y: py - (py - transform.y) * ratio };
}

/** The transform that shows the whole world in the screen, never enlarging past 1. */
export function fitTransform(
  worldWidth: number,
  worldHeight: number,
  width: number,
  height: number,
): Transform {
  const pad = 24;
  const scale = Math.max(
    MIN_SCALE,
    Math.min(1, (width - 2 * pad) / Math.max(1, worldWidth), (height - 2 * pad) / Math.max(1, worldHeight)),
  );
  return { scale, x: pad, y: Math.max(pad, (height - worldHeight * scale) / 2) };
}
