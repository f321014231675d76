import type { Notification } from "@/types/api";

// One WebSocket per tab to /api/v1/ws. It signs in with its first frame, resumes after the last notification it
// saw (so a dropped connection misses nothing), reconnects with capped exponential backoff and jitter, and renews
// its token in place when the API client refreshes it.

/**
 * "connecting": signing in (the first time, or again with a fresh token); "open": live; "offline": the connection
 * was lost and is being retried.
 */
export type LiveState = "connecting" | "open" | "offline";

export interface LiveSocketOptions {
  url: string;
  /** The current access token; null when signed out. */
  token: () => string | null;
  /**
   * Asks for a fresh access token (the socket was closed because its token expired): null when the session has
   * ended; rejects when the server cannot say (unreachable, busy).
   */
  refresh: () => Promise<string | null>;
  /** The newest notification id the user already has, read before the first connection. */
  initialResumeAfter: () => Promise<string | null>;
  createSocket?: (url: string) => WebSocket;
  random?: () => number;
}

type NotificationListener = (notification: Notification) => void;
type StateListener = (state: LiveState) => void;
/** A short-lived hint from the server (`{"type": "stats.changed"}`): nothing to keep, only a reason to re-read. */
export type LiveSignal = "stats.changed";
type SignalListener = () => void;

function isSignal(type: string): type is LiveSignal {
  return type === "stats.changed";
}

const CLOSE_UNAUTHORIZED = 4401;
const MAX_BACKOFF_MS = 30_000;
const BASE_BACKOFF_MS = 500;
const PING_EVERY_MS = 25_000;

/** The wait before reconnect attempt `attempt` (0-based): 0.5 s, 1 s, 2 s … up to 30 s, with ±50% jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
  return Math.round(base * (0.5 + random()));
}

export class LiveSocket {
  private socket: WebSocket | null = null;
  private state: LiveState = "offline";
  private resumeAfter: string | null = null;
  private attempt = 0;
  private stopped = true;
  private generation = 0; // bumped by stop(), so a start() still waiting on the inbox does not connect after it
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly notificationListeners = new Set<NotificationListener>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly signalListeners = new Map<LiveSignal, Set<SignalListener>>();
  private readonly pending: string[] = [];

  constructor(private readonly options: LiveSocketOptions) {}

  get currentState(): LiveState {
    return this.state;
  }

  onNotification(listener: NotificationListener): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  onSignal(signal: LiveSignal, listener: SignalListener): () => void {
    const listeners = this.signalListeners.get(signal) ?? new Set<SignalListener>();
    this.signalListeners.set(signal, listeners);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.setState("connecting");
    const generation = this.generation;
    let resumeAfter: string | null;
    try {
      resumeAfter = await this.options.initialResumeAfter();
    } catch {
      resumeAfter = null; // the inbox could not be read: the live stream still starts
    }
    if (generation !== this.generation) return;
    this.resumeAfter = resumeAfter;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    this.pending.length = 0;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "signed out");
    this.setState("offline");
  }

  /** A new access token for the open socket (sent as a fresh `auth` frame, which extends its life). */
  renew(token: string): void {
    if (this.state === "open") this.socket?.send(JSON.stringify({ type: "auth", token }));
  }

  /** Sends a fire-and-forget frame (an interaction); held briefly while the socket connects. */
  send(frame: Record<string, unknown>): void {
    const text = JSON.stringify(frame);
    if (this.state === "open" && this.socket !== null) this.socket.send(text);
    else if (this.pending.length < 100) this.pending.push(text);
  }

  private connect(): void {
    if (this.options.token() === null) {
      this.stop();
      return;
    }
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      // The token as it is now: it may have been refreshed while the socket was opening.
      const token = this.options.token();
      if (token === null) {
        this.stop();
        return;
      }
      const hello: Record<string, string> = { type: "auth", token };
      if (this.resumeAfter !== null) hello.resume_after = this.resumeAfter;
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === "string") this.receive(event.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearInterval(this.pingTimer);
      if (this.stopped) return;
      const tokenExpired = event.code === CLOSE_UNAUTHORIZED;
      // Signing in again with a fresh token is routine (every token runs out), not an outage to report.
      this.setState(tokenExpired ? "connecting" : "offline");
      void this.reconnect(tokenExpired);
    };
  }

  private receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== "object" || frame === null) return;
    const message = frame as { type?: unknown; notification?: Notification };
    if (message.type === "ready") {
      this.attempt = 0;
      this.setState("open");
      for (const queued of this.pending.splice(0)) this.socket?.send(queued);
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.socket?.send(JSON.stringify({ type: "ping" })), PING_EVERY_MS);
    } else if (message.type === "notification" && message.notification !== undefined) {
      this.resumeAfter = message.notification.id;
      for (const listener of this.notificationListeners) listener(message.notification);
    } else if (typeof message.type === "string" && isSignal(message.type)) {
      for (const listener of this.signalListeners.get(message.type) ?? []) listener();
    }
  }

  private async reconnect(tokenExpired: boolean): Promise<void> {
    const generation = this.generation;
    let refreshed = false;
    if (tokenExpired) {
      let token: string | null | undefined;
      try {
        token = await this.options.refresh();
      } catch {
        token = undefined; // no answer about the session: try again after a pause
      }
      if (generation !== this.generation) return; // stopped (and maybe started again) while refreshing
      if (token === null) {
        this.stop(); // the session has ended
        return;
      }
      refreshed = token !== undefined;
      if (!refreshed) this.setState("offline");
    }
    // Straight back after a fresh token, unless the last one did not get as far as "ready" either: then the usual
    // backoff, so a server that keeps refusing is not asked (and the refresh token rotated) in a tight loop.
    const attempt = this.attempt++;
    const delay = refreshed && attempt === 0 ? 0 : backoffDelay(attempt, this.options.random);
    this.reconnectTimer = setTimeout(() => {
      if (generation === this.generation) this.connect();
    }, delay);
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
