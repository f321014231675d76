import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

import { api } from "@/lib/api-client";
import type { Role, Session, User } from "@/types/api";

// Who is signed in. On start the app asks for a session with the refresh cookie, so a reload keeps you signed in
// without ever storing the access token.

export type SessionStatus = "loading" | "signed-out" | "signed-in";

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  role: Role;
  hotel?: { name: string; city: string; country: string; timezone: string; description: string };
}

interface SessionValue {
  status: SessionStatus;
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  register: (input: RegisterInput) => Promise<User>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    const unsubscribe = api.onSession((session) => {
      setUser(session?.user ?? null);
      setStatus(session === null ? "signed-out" : "signed-in");
    });
    api.refresh().catch(() => {
      // The server is unreachable: show the sign-in page; the first call will say what is wrong.
      setStatus("signed-out");
    });
    return unsubscribe;
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await api.post<Session>("/auth/login", { email, password }, { noRefresh: true });
    api.setSession(session);
    return session.user;
  }, []);

  const register = useCallback(
    async (input: RegisterInput) => {
      await api.post<{ user: User }>("/auth/register", input, { noRefresh: true });
      return signIn(input.email, input.password);
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    try {
      // Refreshed and retried on a 401 like any call: an expired access token must not leave the refresh family
      // (and its cookie) alive, or the next visit would be signed in again.
      await api.post("/auth/logout", {});
    } finally {
      api.setSession(null);
    }
  }, []);

  const value = useMemo(() => ({ status, user, signIn, register, signOut }), [status, user, signIn, register, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (value === null) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in user; for screens that are only reachable when signed in. */
export function useUser(): User {
  const { user } = useSession();
  if (user === null) throw new Error("useUser on a signed-out screen");
  return user;
}
