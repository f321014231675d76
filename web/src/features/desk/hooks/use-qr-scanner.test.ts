import { describe, expect, it } from "vitest";

import { cameraErrorMessage } from "./use-qr-scanner";

describe("cameraErrorMessage", () => {
  it("tells a denied camera from a missing one", () => {
    expect(cameraErrorMessage(new DOMException("no", "NotAllowedError"))).toMatch(/denied/);
    expect(cameraErrorMessage(new DOMException("no", "NotFoundError"))).toMatch(/No camera/);
    expect(cameraErrorMessage(new Error("weird"))).toMatch(/could not be opened/);
  });
});
