// The arithmetic of the daily chart, kept apart from the drawing so it can be tested: round axis ticks, value to
// pixel scales, and which days get a label.

/** A round step (1, 2 or 5 times a power of ten, at least 1) that splits `max` into about `count` parts. */
export function niceStep(max: number, count: number): number {
  if (max <= 0 || count <= 0) return 1;
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  return Math.max(1, step);
}

/** Ticks from 0 to the first round value at or above `max` (counts are whole numbers: 0, 1 … at the smallest). */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) ticks.push(Math.round(value));
  return ticks;
}

/** Maps 0..domainMax onto bottom..top pixels (y grows downwards in SVG). */
export function linearScale(domainMax: number, bottom: number, top: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => bottom - (value / span) * (bottom - top);
}

/** Up to `maxLabels` evenly spread indexes out of `count`, always the first and the last. */
export function labelIndexes(count: number, maxLabels: number): number[] {
  if (count <= 0) return [];
  if (count === 1 || maxLabels <= 1) return [0];
  if (count <= maxLabels) return Array.from({ length: count }, (_, i) => i);
  const every = Math.ceil((count - 1) / (maxLabels - 1));
  const indexes: number[] = [];
  for (let i = 0; i < count - 1; i += every) indexes.push(i);
  // Drop the label before the last if the two would crowd each other.
  const last = indexes.at(-1);
  if (last !== undefined && count - 1 - last < every / 2) indexes.pop();
  indexes.push(count - 1);
  return indexes;
}
