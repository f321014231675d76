import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import { accessibilityViolations, type Violation } from "./accessibility";

// Debian's Chromium, headless, with the network features that would call out to Google switched off.

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** How every test browser starts: no sandbox (root in CI), no GPU, and none of the calls home. */
const chromiumArguments = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Debian's Chromium, headless; `extraArguments` for what one test needs (a fake camera). */
export async function launchBrowser(extraArguments: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HC_CHROMIUM ?? "/usr/bin/chromium",
    args: [...chromiumArguments, ...extraArguments],
  });
}

/** A person's own browser: separate cookies and storage, a desktop-sized window. */
export async function newPerson(browser: Browser, origin: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, viewport: DESKTOP, acceptDownloads: true, locale: "en-GB" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

const artifacts = process.env.HC_E2E_ARTIFACTS ?? join(process.cwd(), "e2e-artifacts");

/**
 * Screenshots of the page as it is now, at phone and desktop size, into the artifacts folder. Toasts are
 * dismissed first so they hide nothing, unless the toast is what the picture is for.
 */
export async function shoot(page: Page, name: string, options: { keepToasts?: boolean } = {}): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  if (options.keepToasts !== true) {
    const dismiss = page.getByRole("button", { name: "Dismiss" });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }
  // From the top: a full-page capture of a scrolled page paints the sticky header half-way down.
  await page.evaluate(() => window.scrollTo(0, 0));
  const original = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150); // let the layout settle after the resize
    await page.screenshot({ path: join(artifacts, `${name}-${size}.png`), fullPage: true });
    for (const violation of await accessibilityViolations(page)) audit.push({ screen: `${name} (${size})`, ...violation });
  }
  await page.setViewportSize(original);
}

/** Every WCAG A/AA problem axe-core found on the screens photographed so far. */
export const audit: (Violation & { screen: string })[] = [];
