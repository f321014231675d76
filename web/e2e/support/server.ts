import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The real server, started on a free loopback port with an empty data folder and the built web app.

export interface RunningServer {
  origin: string;
  dataDir: string;
  log: () => string;
  /** Stops the server (as an operator would), keeping its data; resume() starts it again on the same port. */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Ended, by itself (exitCode) or by a signal (signalCode, with exitCode still null). */
function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForHealth(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`hotelcoupon exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`hotelcoupon did not become healthy:\n${log()}`);
}

export async function startServer(): Promise<RunningServer> {
  const binary = process.env.HC_SERVER_BIN ?? resolve("../build/release/hotelcoupon");
  const webDir = resolve("dist");
  if (!existsSync(binary)) throw new Error(`No server binary at ${binary}; build it (scripts/build release) or set HC_SERVER_BIN`);
  if (!existsSync(join(webDir, "index.html"))) throw new Error("No web/dist; run scripts/build-web first");
  const dataDir = mkdtempSync(join(tmpdir(), "hc-e2e-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = "";
  // With HC_TEST_LOGS set (scripts/test), the whole log is kept for the log check after the suite.
  const logsDir = process.env.HC_TEST_LOGS;
  const keptLog = logsDir ? join(logsDir, "servers", `e2e.${port}.log`) : undefined;
  if (logsDir) mkdirSync(join(logsDir, "servers"), { recursive: true });
  const keep = (chunk: Buffer) => {
    if (keptLog) appendFileSync(keptLog, chunk);
    output += chunk.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  // The server refuses HC_* settings it does not know, and the test runner's own (HC_SERVER_BIN…) are not its.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HC_")));

  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(binary, ["--data-dir", dataDir, "--listen", `127.0.0.1:${port}`, "--web-dir", webDir, "serve"], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    await waitForHealth(origin, child, () => output);
    return child;
  };
  const halt = async (child: ChildProcess): Promise<void> => {
    if (hasExited(child)) return;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  };

  let child = await launch();
  return {
    origin,
    dataDir,
    log: () => output,
    pause: () => halt(child),
    resume: async () => {
      child = await launch();
    },
    stop: async () => {
      await halt(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
