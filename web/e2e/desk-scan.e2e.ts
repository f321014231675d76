import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { audit, launchBrowser, newPerson, shoot } from "./support/browser";
import { writeFakeCameraVideo } from "./support/fake-camera";
import { startServer, type RunningServer } from "./support/server";

// The front desk's "Scan QR" with a camera: Chromium's fake camera films the guest's real QR (as the server
// renders it), and the desk page reads it. Headless Chromium on Linux has no BarcodeDetector, so this is the
// path through the QR library from npm that most desks without a native detector take.

const PASSWORD = "correct horse battery staple";

let server: RunningServer;
let browser: Browser | undefined;
let cameraBrowser: Browser | undefined;
const folder = mkdtempSync(join(tmpdir(), "hc-e2e-camera-"));

async function call<T>(path: string, init: { method?: string; token?: string; json?: unknown } = {}): Promise<T> {
  const response = await fetch(`${server.origin}/api/v1${path}`, {
    method: init.method ?? (init.json === undefined ? "GET" : "POST"),
    headers: {
      ...(init.token !== undefined ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.json !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  const type = response.headers.get("Content-Type") ?? "";
  return (type.startsWith("application/json") ? await response.json() : Buffer.from(await response.arrayBuffer())) as T;
}

async function signUp(email: string, role: "user" | "hotelier"): Promise<string> {
  await call("/auth/register", {
    json: {
      email,
      password: PASSWORD,
      name: role === "user" ? "Guest With A Phone" : "Desk Clerk",
      role,
      ...(role === "hotelier" ? { hotel: { name: "Camera Inn", city: "Cork", country: "Ireland", timezone: "Europe/Dublin" } } : {}),
    },
  });
  return (await call<{ access_token: string }>("/auth/login", { json: { email, password: PASSWORD } })).access_token;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await cameraBrowser?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe("the front desk's camera", () => {
  it("reads the guest's QR code and checks it", async () => {
    const hotelier = await signUp("clerk@camera.example", "hotelier");
    const guest = await signUp("guest@camera.example", "user");
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const coupon = await call<{ id: string }>("/coupons", {
      token: hotelier,
      json: { title: "Scanned breakfast", discount_percent: 20, valid_until: until, status: "active" },
    });
    const { redemption } = await call<{ redemption: { id: string; code: string } }>(`/coupons/${coupon.id}/redeem`, {
      token: guest,
      method: "POST",
    });
    const png = await call<Buffer>(`/redemptions/${redemption.id}/qr.png`, { token: guest });

    // The guest's phone screen, filmed: a video made of the QR picture.
    if (browser === undefined) throw new Error("no browser");
    const { page: scratch, context } = await newPerson(browser, server.origin);
    const video = join(folder, "qr.y4m");
    await writeFakeCameraVideo(scratch, png, video);
    await context.close();

    cameraBrowser = await launchBrowser([
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    const { page } = await newPerson(cameraBrowser, server.origin);
    await page.context().grantPermissions(["camera"], { origin: server.origin });
    await page.goto("/signin?next=/desk");
    await page.getByLabel("E-mail").fill("clerk@camera.example");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/desk");

    await page.getByRole("button", { name: "Scan QR" }).click();
    const result = page.getByTestId("desk-result");
    await result.filter({ hasText: "Valid, not used yet" }).waitFor({ timeout: 20_000 });
    expect(await page.getByLabel("Coupon code").inputValue()).toBe(redemption.code);
    expect(await result.textContent()).toContain("Scanned breakfast");
    await shoot(page, "desk-scanned");
    expect(audit.map((v) => `${v.screen}: ${v.id} ${v.help} at ${v.targets.join(", ")}`)).toEqual([]);
  });
});
