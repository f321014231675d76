import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { backoffDelay, LiveSocket } from "@/lib/live-socket";
import type { Notification } from "@/types/api";

class FakeSocket {
  static all: FakeSocket[] = [];
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor() {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.onclose?.({ code: 1000 });
  }
  serverSays(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function notification(id: string): Notification {
  return { id, kind: "coupon.used", title: "Used", body: "", data: {}, created_at: "2026-11-22T10:00:00Z", read: false };
}

function makeSocket(token = "t1", refresh = vi.fn(async () => "t2")) {
  return new LiveSocket({
    url: "ws://test/api/v1/ws",
    token: () => token,
    refresh,
    initialResumeAfter: async () => "41",
    createSocket: () => new FakeSocket() as unknown as WebSocket,
    random: () => 0.5,
  });
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("LiveSocket", () => {
  it("signs in with its first frame, resuming after the newest notification it had", async () => {
    const live = makeSocket();
    await live.start();
    const socket = FakeSocket.all[0];
    socket?.onopen?.();
    expect(socket?.sent.map((s) => JSON.parse(s) as unknown)).toEqual([{ type: "auth", token: "t1", resume_after: "41" }]);
  });

  it("reconnects after a drop and resumes after the last notification delivered", async () => {
    const live = makeSocket();
    const received: string[] = [];
    live.onNotification((n) => received.push(n.id));
    await live.start();
    const first = FakeSocket.all[0];
    first?.onopen?.();
    first?.serverSays({ type: "ready" });
    first?.serverSays({ type: "notification", notification: notification("42") });
    first?.onclose?.({ code: 1006 });
    expect(live.currentState).toBe("offline");

    await vi.advanceTimersByTimeAsync(backoffDelay(0, () => 0.5));
    const second = FakeSocket.all[1];
    second?.onopen?.();
    expect(JSON.parse(second?.sent[0] ?? "{}")).toMatchObject({ resume_after: "42" });
    second?.serverSays({ type: "ready" });
    expect(live.currentState).toBe("open");
    expect(received).toEqual(["42"]);
  });

  it("gets a fresh token when the server closes for an expired one", async () => {
    const refresh = vi.fn(async () => "t2");
    const live = makeSocket("t1", refresh);
    await live.start();
    FakeSocket.all[0]?.onclose?.({ code: 4401 });
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledOnce();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("says 'connecting', not 'offline', while it signs in again with a fresh token", async () => {
    const live = makeSocket();
    const states: string[] = [];
    live.onState((state) => states.push(state));
    await live.start();
    FakeSocket.all[0]?.serverSays({ type: "ready" });
    FakeSocket.all[0]?.onclose?.({ code: 4401 });
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.all[1]?.serverSays({ type: "ready" });
    expect(states).toEqual(["connecting", "open", "connecting", "open"]);
  });

  it("backs off when fresh tokens keep being refused, instead of refreshing in a loop", async () => {
    const refresh = vi.fn(async () => "t2");
    const live = makeSocket("t1", refresh);
    await live.start();
    FakeSocket.all[0]?.onclose?.({ code: 4401 });
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.all[1]?.onclose?.({ code: 4401 });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0.5));
    expect(FakeSocket.all).toHaveLength(3);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("keeps trying when the refresh cannot reach the server, and stops when the session has ended", async () => {
    const refresh = vi.fn<() => Promise<string | null>>(async () => Promise.reject(new Error("unreachable")));
    const live = makeSocket("t1", refresh);
    await live.start();
    FakeSocket.all[0]?.onclose?.({ code: 4401 });
    await vi.advanceTimersByTimeAsync(0);
    expect(live.currentState).toBe("offline");
    await vi.advanceTimersByTimeAsync(backoffDelay(0, () => 0.5));
    expect(FakeSocket.all).toHaveLength(2);

    refresh.mockResolvedValueOnce(null);
    FakeSocket.all[1]?.onclose?.({ code: 4401 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(live.currentState).toBe("offline");
  });

  it("opens no socket for a reconnect that was still refreshing when it was stopped", async () => {
    let finishRefresh: (token: string) => void = () => undefined;
    const live = makeSocket("t1", vi.fn(async () => new Promise<string>((resolve) => (finishRefresh = resolve))));
    await live.start();
    FakeSocket.all[0]?.onclose?.({ code: 4401 });
    live.stop();
    await live.start();
    expect(FakeSocket.all).toHaveLength(2);
    finishRefresh("t2");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("holds interaction frames until the socket is ready", async () => {
    const live = makeSocket();
    await live.start();
    live.send({ type: "interaction", coupon_id: "c1", action: "view" });
    const socket = FakeSocket.all[0];
    socket?.onopen?.();
    expect(socket?.sent).toHaveLength(1);
    socket?.serverSays({ type: "ready" });
    expect(socket?.sent.map((s) => (JSON.parse(s) as { type: string }).type)).toEqual(["auth", "interaction"]);
  });
});

describe("LiveSocket signals", () => {
  it("hands a stats.changed hint to its listeners, and nothing for unknown frame types", async () => {
    const live = makeSocket();
    let hints = 0;
    live.onSignal("stats.changed", () => hints++);
    await live.start();
    const socket = FakeSocket.all[0];
    socket?.onopen?.();
    socket?.serverSays({ type: "ready" });
    socket?.serverSays({ type: "stats.changed" });
    socket?.serverSays({ type: "something.else" });
    expect(hints).toBe(1);
  });
});

describe("backoffDelay", () => {
  it("doubles from half a second and stops at thirty seconds", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, middle))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, middle)).toBe(30_000);
    expect(backoffDelay(0, () => 0)).toBe(250);
  });
});
