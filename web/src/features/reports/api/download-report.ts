import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { fileNameFromDisposition, saveBlob } from "../utils/download";
import type { Report } from "./get-reports";

// GET /hotelier/reports/{id}/download: the file, fetched with the access token (a plain link would carry none)
// and saved under the name the server gives in Content-Disposition.

export function fallbackFileName(report: Report): string {
  return `report-${report.from}-to-${report.to}.${report.format}`;
}

export async function downloadReport(report: Report): Promise<string> {
  const { blob, headers } = await api.file(`/hotelier/reports/${encodeURIComponent(report.id)}/download`);
  const name = fileNameFromDisposition(headers.get("Content-Disposition")) ?? fallbackFileName(report);
  saveBlob(blob, name);
  return name;
}

export function useDownloadReport() {
  return useMutation({ mutationFn: downloadReport });
}
