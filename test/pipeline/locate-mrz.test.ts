/**
 * MRZ box geometry before recognition: lines the detector cut in two are joined, lines it stopped
 * early are kept as candidates and stretched to the block.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Point, TextBox } from '../../src/engines/engine.js';
import { alignToBlock, candidates, joinCollinear } from '../../src/pipeline/locate-mrz.js';

/** A w×h box at (x, y) turned by `deg` about the origin, corners clockwise from the top-left. */
function box(x: number, y: number, w: number, h: number, deg = 0): TextBox {
  const r = (deg * Math.PI) / 180;
  const rot = ([px, py]: Point): Point => [px * Math.cos(r) - py * Math.sin(r), px * Math.sin(r) + py * Math.cos(r)];
  return { points: [rot([x, y]), rot([x + w, y]), rot([x + w, y + h]), rot([x, y + h])], score: 0.9 };
}

const xs = (b: TextBox): number[] => b.points.map((p) => p[0]);
const close = (a: number, b: number, tol = 1.5): boolean => Math.abs(a - b) <= tol;

describe('MRZ box geometry', () => {
  it('joins a line cut in two by the detector, also on a tilted page', () => {
    for (const deg of [0, -18]) {
      const joined = joinCollinear([box(100, 500, 550, 30, deg), box(670, 500, 300, 30, deg), box(100, 545, 870, 30, deg)]);
      assert.equal(joined.length, 2, `${deg}°`);
      const [a] = joined;
      const len = Math.hypot(a!.points[1][0] - a!.points[0][0], a!.points[1][1] - a!.points[0][1]);
      assert.ok(close(len, 870, 2), `${deg}°: joined length ${len}`);
    }
  });

  it('does not join stacked lines, distant words or boxes of another size', () => {
    const apart = [box(100, 500, 550, 30), box(100, 545, 550, 30)];
    assert.equal(joinCollinear(apart).length, 2, 'stacked');
    assert.equal(joinCollinear([box(100, 500, 300, 30), box(600, 500, 300, 30)]).length, 2, 'gap of 200 px');
    assert.equal(joinCollinear([box(100, 500, 300, 30), box(410, 495, 300, 60)]).length, 2, 'twice as tall');
  });

  it('keeps a line stopped early beside a long line and stretches it to the block', () => {
    const long = box(100, 545, 870, 30);
    const stopped = box(100, 500, 160, 30);
    const elsewhere = box(500, 100, 160, 30);
    const picked = candidates([long, stopped, elsewhere, box(100, 200, 900, 30), box(100, 300, 300, 30)]);
    assert.ok(picked.includes(stopped), 'the short first line is a candidate');
    assert.ok(!picked.includes(elsewhere));
    const stretched = alignToBlock([long, stopped]);
    assert.ok(close(Math.max(...xs(stretched[1]!)), 970), `stretched to ${Math.max(...xs(stretched[1]!))}`);
  });
});
