import { describe, expect, it } from "vitest";

import { afterSignIn } from "@/config/paths";
import { validateRegistration } from "./validation";

describe("validateRegistration", () => {
  it("names every missing field of a hotelier at once", () => {
    const errors = validateRegistration({
      email: "not-an-email",
      password: "short",
      name: "",
      role: "hotelier",
      hotel: { name: "", city: "", country: "", timezone: "", description: "" },
    });
    expect(Object.keys(errors).sort()).toEqual(
      ["email", "hotel.city", "hotel.country", "hotel.name", "hotel.timezone", "name", "password"].sort(),
    );
  });

  it("accepts a traveller with a 12-character password", () => {
    expect(validateRegistration({ email: "a@b.example", password: "twelve chars", name: "Ana", role: "user" })).toEqual({});
  });
});

describe("afterSignIn", () => {
  it("returns a page of this site, and never another site", () => {
    expect(afterSignIn("/coupons/1", "user")).toBe("/coupons/1");
    expect(afterSignIn("//evil.example/x", "user")).toBe("/discover");
    expect(afterSignIn("https://evil.example", "hotelier")).toBe("/dashboard");
    expect(afterSignIn("/\\evil.example", "user")).toBe("/discover");
    expect(afterSignIn("/\t/evil.example", "user")).toBe("/discover");
    expect(afterSignIn("/\n/evil.example/x", "user")).toBe("/discover");
    expect(afterSignIn("/wallet?tab=used#top", "user")).toBe("/wallet?tab=used#top");
    expect(afterSignIn(null, "hotelier")).toBe("/dashboard");
  });
});
