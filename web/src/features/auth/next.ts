import type { Role } from "@/types/api";

/** Where to go after signing in: the page that sent you here (same site only), else your start page. */
export function safeNext(next: string | null, role: Role): string {
  if (next !== null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) return next;
  return role === "hotelier" ? "/dashboard" : "/discover";
}
