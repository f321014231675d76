import { describe, expect, it } from "vitest";

import { statusActions } from "./status-actions";

describe("statusActions", () => {
  it("offers the transitions the API allows", () => {
    const labels = (status: Parameters<typeof statusActions>[0]) => statusActions(status).map((action) => action.label);
    expect(labels("draft")).toEqual(["Publish", "Archive"]);
    expect(labels("active")).toEqual(["Pause", "Archive"]);
    expect(labels("paused")).toEqual(["Resume", "Archive"]);
    expect(labels("expired")).toEqual(["Archive"]);
    expect(labels("archived")).toEqual([]);
  });

  it("asks before archiving only", () => {
    expect(statusActions("active").filter((action) => action.confirm).map((action) => action.to)).toEqual(["archived"]);
  });
});
