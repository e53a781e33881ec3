import { describe, expect, it } from 'vitest';
import {
  fitTransform,
  intersects,
  MAX_SCALE,
  MIN_SCALE,
  visibleWorld,
  zoomAt,
} from '../../../renderer/src/views/apps/live/viewport.ts';

describe('tree viewport', () => {
  it('keeps the world point under the pointer in place while zooming, within the scale limits', () => {
    const start = { x: 40, y: -100, scale: 1 };
    const zoomed = zoomAt(start, 2, 300, 200);
    const worldBefore = { x: (300 - start.x) / start.scale, y: (200 - start.y) / start.scale };
    expect((300 - zoomed.x) / zoomed.scale).toBeCloseTo(worldBefore.x);
    expect((200 - zoomed.y) / zoomed.scale).toBeCloseTo(worldBefore.y);
    expect(zoomAt(start, 1000, 0, 0).scale).toBe(MAX_SCALE);
    expect(zoomAt(start, 0.0001, 0, 0).scale).toBe(MIN_SCALE);
  });

  it('renders only what lies on screen, with a margin', () => {
    const world = visibleWorld({ x: -1000, y: -50, scale: 0.5 }, 800, 600, 0);
    expect(world).toEqual({ left: 2000, top: 100, right: 3600, bottom: 1300 });
    expect(intersects(world, { left: 1900, top: 10, right: 2100, bottom: 180 })).toBe(true);
    expect(intersects(world, { left: 100, top: 10, right: 300, bottom: 80 })).toBe(false);
  });

  it('fits a small tree without enlarging it and a large one by shrinking it', () => {
    expect(fitTransform(400, 200, 1000, 600).scale).toBe(1);
    const fitted = fitTransform(4000, 2000, 1000, 600);
    expect(fitted.scale).toBeLessThan(0.3);
    expect(4000 * fitted.scale).toBeLessThanOrEqual(1000);
  });
});
