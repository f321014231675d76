import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Page } from "@/types/api";

import { deskKeys } from "./keys";

// GET /hotelier/desk-log: the desk's uses and undos, newest first.

export interface DeskEvent {
  id: string;
  redemption_id: string;
  /** The redemption as it is now: an undo applies only while it is "used". */
  redemption_status: "redeemed" | "used" | "cancelled";
  coupon: { id: string; title: string };
  guest_name: string;
  action: "use" | "undo";
  by: { id?: string; name?: string };
  client_address: string;
  reason: string;
  at: string;
}

const LOG_SIZE = 20;
// Other staff use codes too: keep the list fresh while the tab is visible.
const REFRESH_EVERY_MS = 15_000;

export async function getDeskLog(): Promise<Page<DeskEvent>> {
  return api.get<Page<DeskEvent>>("/hotelier/desk-log", { query: { limit: LOG_SIZE } });
}

export function useDeskLog() {
  return useQuery({ queryKey: deskKeys.log, queryFn: getDeskLog, refetchInterval: REFRESH_EVERY_MS });
}
