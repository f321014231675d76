import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { audit, launchBrowser, newPerson, shoot } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";

// Two people at once, each in their own browser context, against the real server and a fresh database:
// a hotelier in one, a traveller in the other. The steps build on each other and run in order.

const PASSWORD = "correct horse battery staple";
const HOTEL = "Hotel Miramar Dublín";
const FIRST_COUPON = "Sea view suite weekend";
const SECOND_COUPON = "Late checkout on Sundays";
const THIRD_COUPON = "Harbour dinner for two";

let server: RunningServer;
let browser: Browser;
let hotelier: Page;
let traveller: Page;
let code = "";

function inDays(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Marks the page so a later check can prove it was never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { e2eMarker: string }).e2eMarker = "still here";
  });
}

async function stillTheSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker === "still here");
}

async function publishCoupon(page: Page, title: string, quantity: string): Promise<void> {
  await page.getByRole("link", { name: "Coupons", exact: true }).click();
  await page.getByRole("link", { name: "New coupon" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Two nights facing the bay, breakfast included.");
  await page.getByLabel("Terms").fill("Subject to availability. One per stay.");
  await page.getByLabel("Discount (%)").fill("30");
  await page.getByLabel("Quantity").fill(quantity);
  await page.getByLabel("Valid until").fill(inDays(30));
}

// What beforeAll started, to be ended in this order even when it failed half-way (the server must never outlive us).
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startServer();
  cleanups.unshift(() => server.stop());
  browser = await launchBrowser();
  cleanups.unshift(() => browser.close());
  hotelier = (await newPerson(browser, server.origin)).page;
  traveller = (await newPerson(browser, server.origin)).page;
});

afterAll(async () => {
  for (const cleanup of cleanups) {
    await cleanup().catch((error: unknown) => {
      console.error("e2e clean-up:", error);
    });
  }
});

describe("Hotel Coupon in the browser", () => {
  it("a hotelier registers with the hotel's details and lands on the dashboard", async () => {
    await hotelier.goto("/");
    await expect.poll(() => hotelier.url()).toContain("/signin");
    await shoot(hotelier, "sign-in");
    await hotelier.getByRole("link", { name: "Create an account" }).click();
    await hotelier.getByRole("radio", { name: /A hotelier/ }).check();
    await hotelier.getByLabel("Your name").fill("Róisín Byrne");
    await hotelier.getByLabel("E-mail").fill("roisin@miramar.example");
    await hotelier.getByLabel("Password").fill(PASSWORD);
    await hotelier.getByLabel("Hotel name").fill(HOTEL);
    await hotelier.getByLabel("City").fill("Dublin");
    await hotelier.getByLabel("Country").fill("Ireland");
    await hotelier.getByLabel("Time zone").selectOption("Europe/Dublin");
    await shoot(hotelier, "register-hotelier");
    await hotelier.getByRole("button", { name: "Create account" }).click();
    await hotelier.waitForURL("**/dashboard");
    await expect.poll(() => hotelier.getByRole("heading", { level: 1 }).first().textContent()).toMatch(/Dashboard/);
  });

  it("the hotelier publishes a coupon with the form and sees it in the table", async () => {
    await publishCoupon(hotelier, FIRST_COUPON, "10");
    await shoot(hotelier, "coupon-editor");
    await hotelier.getByRole("button", { name: "Publish" }).click();
    await hotelier.waitForURL("**/manage/coupons");
    const row = hotelier.getByRole("row").filter({ hasText: FIRST_COUPON });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/active/i);
    await shoot(hotelier, "coupons-table");
  });

  it("a traveller registers, searches as they type, opens the coupon and claims it", async () => {
    await traveller.goto("/register");
    await traveller.getByLabel("Your name").fill("Alex Traveller");
    await traveller.getByLabel("E-mail").fill("alex@travel.example");
    await traveller.getByLabel("Password").fill(PASSWORD);
    await traveller.getByRole("button", { name: "Create account" }).click();
    await traveller.waitForURL("**/discover");

    await traveller.getByLabel("Search coupons").fill("sea vie");
    const card = traveller.getByRole("link").filter({ has: traveller.getByRole("heading", { name: FIRST_COUPON }) });
    await card.waitFor();
    expect(await card.textContent()).toContain(HOTEL);
    await shoot(traveller, "discover");

    await card.click();
    await traveller.getByRole("heading", { level: 1, name: FIRST_COUPON }).waitFor();
    await traveller.getByRole("button", { name: "Claim coupon" }).click();
    const shown = traveller.getByTestId("claimed-code");
    await shown.waitFor();
    code = ((await shown.textContent()) ?? "").trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const qr = traveller.getByRole("img", { name: "QR code for your coupon" });
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await shoot(traveller, "coupon-claimed");
  });

  it("the traveller, who now follows the hotel, gets a live toast when it publishes a new coupon", async () => {
    await traveller.getByRole("link", { name: "My coupons", exact: true }).click();
    await traveller.getByTestId("wallet-ready").getByText(FIRST_COUPON).waitFor();
    await traveller.getByRole("button", { name: "Show at the desk" }).click();
    await traveller.getByTestId("desk-view").getByRole("img", { name: "QR code for your coupon" }).waitFor();
    await shoot(traveller, "show-at-the-desk");
    await traveller.getByRole("button", { name: "Close" }).click();
    await markPage(traveller);

    await publishCoupon(hotelier, SECOND_COUPON, "");
    await hotelier.getByRole("button", { name: "Publish" }).click();
    await hotelier.waitForURL("**/manage/coupons");

    await traveller.getByTestId("toast").filter({ hasText: SECOND_COUPON }).waitFor();
    expect(await stillTheSamePage(traveller)).toBe(true);
    await shoot(traveller, "live-toast", { keepToasts: true });
  });

  it("the desk uses the traveller's code and the traveller's page moves the coupon to used, live", async () => {
    await hotelier.getByRole("link", { name: "Front desk" }).click();
    const field = hotelier.getByLabel("Coupon code");
    // Typed the way a guest might read it out: lower case, no dashes. The field formats it.
    await field.pressSequentially(code.replace(/-/g, "").toLowerCase());
    expect(await field.inputValue()).toBe(code);
    await hotelier.getByRole("button", { name: "Use code" }).click();
    const result = hotelier.getByTestId("desk-result");
    await result.filter({ hasText: "Used now" }).waitFor();
    expect(await result.textContent()).toContain(FIRST_COUPON);
    await hotelier.getByRole("region", { name: "Recent uses" }).getByText(`${FIRST_COUPON} — Alex Traveller`).waitFor();
    await shoot(hotelier, "desk-used");

    await traveller.getByTestId("wallet-used").getByText(FIRST_COUPON).waitFor();
    expect(await traveller.getByTestId("wallet-ready").getByText(FIRST_COUPON).count()).toBe(0);
    expect(await stillTheSamePage(traveller)).toBe(true);
    await shoot(traveller, "my-coupons");

    await hotelier.getByLabel("Coupon code").fill(code);
    await hotelier.getByRole("button", { name: "Use code" }).click();
    await result.filter({ hasText: "Already used" }).waitFor();
    await shoot(hotelier, "desk-already-used");
  });

  it("the hotelier requests a PDF report, sees it become ready, and downloads it", async () => {
    await hotelier.getByRole("link", { name: "Reports" }).click();
    await hotelier.getByLabel("Format").selectOption({ label: "PDF" });
    await hotelier.getByRole("button", { name: "Create report" }).click();
    const download = hotelier.getByRole("button", { name: "Download" }).first();
    await download.waitFor({ timeout: 30_000 });
    await shoot(hotelier, "reports");
    const [file] = await Promise.all([hotelier.waitForEvent("download"), download.click()]);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("the dashboard counts the traveller's view, claim and use", async () => {
    await hotelier.getByRole("link", { name: "Dashboard" }).click();
    const tile = (label: string) => hotelier.locator(".stat-tile", { has: hotelier.getByRole("term").filter({ hasText: label }) }).locator(".stat-value");
    // Views come from the traveller's browser over the socket; the dashboard refreshes itself every few seconds.
    await expect.poll(() => tile("Views").textContent(), { timeout: 20_000 }).toBe("1");
    expect(await tile("Claims").textContent()).toBe("1");
    expect(await tile("Uses").textContent()).toBe("1");
    expect(await hotelier.getByRole("img", { name: "Daily views, claims and uses" }).count()).toBe(1);
    await shoot(hotelier, "dashboard");

    // Live: the traveller opens the other coupon, and the open dashboard counts the view within seconds (the
    // server's stats.changed hint; its fallback poll is every 30 s).
    await traveller.getByRole("link", { name: "Discover", exact: true }).click();
    await traveller.getByRole("link").filter({ has: traveller.getByRole("heading", { name: SECOND_COUPON }) }).click();
    await traveller.getByRole("heading", { level: 1, name: SECOND_COUPON }).waitFor();
    await expect.poll(() => tile("Views").textContent(), { timeout: 10_000 }).toBe("2");
  });

  it("the other screens render for both people", async () => {
    await traveller.getByRole("link", { name: "Following" }).click();
    await traveller.getByRole("link", { name: HOTEL }).first().waitFor();
    await shoot(traveller, "following");
    await traveller.getByRole("link", { name: HOTEL }).first().click();
    await traveller.getByRole("heading", { level: 1, name: HOTEL }).waitFor();
    await shoot(traveller, "hotel");
    await traveller.getByTestId("notification-bell").click();
    await traveller.getByTestId("inbox").getByText(SECOND_COUPON, { exact: false }).first().waitFor();
    await shoot(traveller, "inbox");
  });
});

describe("when the server goes away", () => {
  it("the traveller is told, and once it is back live updates resume with nothing missed", async () => {
    await traveller.getByRole("link", { name: "My coupons", exact: true }).click();
    await markPage(traveller);
    await server.pause();
    const notice = traveller.getByText(/Reconnecting to Hotel Coupon/);
    await notice.waitFor();
    await shoot(traveller, "reconnecting");

    await server.resume();
    // Published the moment the server is back, most likely before the traveller's socket has reconnected: the
    // socket's resume_after brings it all the same.
    await publishCoupon(hotelier, THIRD_COUPON, "5");
    await hotelier.getByRole("button", { name: "Publish" }).click();
    await hotelier.waitForURL("**/manage/coupons");

    await traveller.getByTestId("toast").filter({ hasText: THIRD_COUPON }).waitFor({ timeout: 40_000 });
    await notice.waitFor({ state: "detached" });
    expect(await stillTheSamePage(traveller)).toBe(true);
  });
});

describe("accessibility", () => {
  it("every screen photographed above passes axe-core's WCAG 2.1 A and AA rules", () => {
    const report = audit.map((v) => `${v.screen}: ${v.id} (${v.impact ?? "?"}) ${v.help} at ${v.targets.join(", ")}`);
    expect(report).toEqual([]);
  });
});

describe("the traveller's first load", () => {
  it("signs in with the keyboard alone and carries under 200 KB of compressed JavaScript", async () => {
    // A first visit in a new browser (nothing cached): sign in, then Discover; every script it downloads counts.
    const { context, page } = await newPerson(browser, server.origin);
    const sizes: Promise<number>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      sizes.push(response.headerValue("content-length").then((length) => Number(length ?? Number.NaN)));
    });
    await page.goto("/signin?next=/discover");
    // With the keyboard only: the e-mail field has the focus, Tab moves to the password, Enter signs in.
    await page.getByLabel("E-mail").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("email");
    await page.keyboard.type("alex@travel.example");
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: SECOND_COUPON }).waitFor();
    const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    console.log(`first load (sign in, then Discover): ${sizes.length} scripts, ${(bytes / 1024).toFixed(1)} KB compressed`);
    expect(sizes.length).toBeGreaterThan(1);
    expect(bytes).toBeGreaterThan(0); // NaN (a script without a length) fails here too
    expect(bytes).toBeLessThan(200 * 1024);
    await context.close();
  });
});

afterEach((context) => {
  // On a failure the server's own log tells the rest of the story.
  if (context.task.result?.state === "fail") console.log(server.log().slice(-20_000));
});
