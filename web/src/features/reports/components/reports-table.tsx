import { useId } from "react";

import { useToast } from "@/components/toasts";
import { Button, StatusBadge } from "@/components/ui";
import { errorMessage } from "@/lib/api-error";
import { formatDate, formatDateTime } from "@/lib/format";

import { useDownloadReport } from "../api/download-report";
import { useReportProgress } from "../api/get-report";
import { isUnfinished, type Report } from "../api/get-reports";
import { formatBytes } from "../utils/download";

// Past reports, newest first. Unfinished rows follow their job live; ready ones can be downloaded.

function Progress({ report }: { report: Report }) {
  return (
    <span className="report-progress">
      <progress aria-label={report.status === "queued" ? "Waiting to start" : "Being prepared"} />
      <span className="muted small">{report.status === "queued" ? (report.attempts > 0 ? "Waiting to retry…" : "Waiting to start…") : "Being prepared…"}</span>
    </span>
  );
}

function ReportRow({ listed, timeZone }: { listed: Report; timeZone: string | undefined }) {
  const report = useReportProgress(listed);
  const download = useDownloadReport();
  const toast = useToast();
  const periodId = useId();
  const period = `${formatDate(report.from, "UTC")} – ${formatDate(report.to, "UTC")}`;

  return (
    <tr>
      <th scope="row" data-label="Period" id={periodId} className="report-period">
        {period}
      </th>
      <td data-label="Format">{report.format.toUpperCase()}</td>
      <td data-label="Created" className="report-created">
        {formatDateTime(report.created_at, timeZone)}
      </td>
      <td data-label="Status">
        <div className="report-status-cell">
          <span className="report-status">
            <StatusBadge status={report.status} />
            {isUnfinished(report) && <Progress report={report} />}
          </span>
          {report.error !== undefined && report.error !== "" && (
            <span className={`report-error small ${report.status === "failed" ? "" : "muted"}`}>{report.error}</span>
          )}
        </div>
      </td>
      <td data-label="Size" className="number report-size">
        {report.size_bytes !== undefined ? formatBytes(report.size_bytes) : "—"}
      </td>
      <td className="report-actions">
        {report.status === "ready" && (
          <Button
            variant="secondary"
            className="button-small"
            aria-describedby={periodId}
            busy={download.isPending}
            onClick={() =>
              download.mutate(report, {
                onError: (error) => toast({ tone: "error", title: "The report could not be downloaded", body: errorMessage(error) }),
              })
            }
          >
            Download
          </Button>
        )}
      </td>
    </tr>
  );
}

export function ReportsTable({ reports, timeZone }: { reports: readonly Report[]; timeZone: string | undefined }) {
  return (
    <div className="table-wrap">
      <table className="table table-stack reports-table">
        <caption className="visually-hidden">Your reports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Format</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">Size</th>
            <th scope="col">
              <span className="visually-hidden">Download</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <ReportRow key={report.id} listed={report} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
