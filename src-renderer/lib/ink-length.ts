import type { PointGroup } from 'signature_pad';

/**
 * Total pen travel of a signature in CSS pixels: the sum of the straight distances between
 * consecutive points of each stroke (signature_pad records points relative to the canvas's
 * bounding box, so they are CSS pixels whatever the device pixel ratio). Main compares it with
 * `LIMITS.signatureMinInk` to refuse a dot or a scribble too short to be a signature.
 */
export function inkLength(strokes: readonly PointGroup[]): number {
  let total = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.points.length; i += 1) {
      const from = stroke.points[i - 1];
      const to = stroke.points[i];
      if (from && to) {
        total += Math.hypot(to.x - from.x, to.y - from.y);
      }
    }
  }
  return total;
}
