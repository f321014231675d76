import { describe, expect, it } from "vitest";

import { labelIndexes, linearScale, niceStep, niceTicks } from "./chart-scale";

describe("niceTicks", () => {
  it("uses round steps that cover the maximum", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
  });

  it("never splits a count into fractions", () => {
    expect(niceStep(2, 4)).toBe(1);
    expect(niceTicks(1)).toEqual([0, 1]);
  });
});

describe("linearScale", () => {
  it("puts 0 at the bottom and the maximum at the top", () => {
    const y = linearScale(200, 180, 20);
    expect(y(0)).toBe(180);
    expect(y(200)).toBe(20);
    expect(y(100)).toBe(100);
  });

  it("does not divide by zero on an empty range", () => {
    expect(linearScale(0, 100, 0)(0)).toBe(100);
  });
});

describe("labelIndexes", () => {
  it("labels every day when there is room", () => {
    expect(labelIndexes(5, 8)).toEqual([0, 1, 2, 3, 4]);
  });

  it("spreads labels over a long range and keeps the last day", () => {
    expect(labelIndexes(30, 6)).toEqual([0, 6, 12, 18, 24, 29]);
    expect(labelIndexes(90, 6)).toEqual([0, 18, 36, 54, 72, 89]);
    expect(labelIndexes(31, 6)).toEqual([0, 6, 12, 18, 24, 30]);
  });

  it("handles one day and none", () => {
    expect(labelIndexes(1, 6)).toEqual([0]);
    expect(labelIndexes(0, 6)).toEqual([]);
  });
});
