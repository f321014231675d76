import { describe, expect, it } from "vitest";

import { imageProblem, MAX_IMAGE_BYTES } from "./image";

function file(type: string, size: number): File {
  const picture = new File(["x"], "picture", { type });
  Object.defineProperty(picture, "size", { value: size });
  return picture;
}

describe("imageProblem", () => {
  it("accepts JPEG, PNG and WebP up to 5 MB", () => {
    expect(imageProblem(file("image/jpeg", 1000))).toBeUndefined();
    expect(imageProblem(file("image/png", MAX_IMAGE_BYTES))).toBeUndefined();
    expect(imageProblem(file("image/webp", 10))).toBeUndefined();
  });

  it("refuses other types and larger files", () => {
    expect(imageProblem(file("image/gif", 10))).toMatch(/JPEG, PNG or WebP/);
    expect(imageProblem(file("image/png", MAX_IMAGE_BYTES + 1))).toMatch(/largest allowed is 5 MB/);
  });
});
