import { useId } from "react";

import { formatNumber } from "@/lib/format";

import type { DailyFigures } from "../api/get-stats";
import { useElementWidth } from "../hooks/use-element-width";
import { labelIndexes, linearScale, niceTicks } from "../utils/chart-scale";
import { longDay, shortDay } from "../utils/dates";

// Views per day as bars (left axis) and claims and uses as lines (right axis: they are far fewer than views and
// would lie flat on the views' scale). Drawn by hand in SVG at the container's real width, so the labels keep
// their size on a phone. Screen readers get a summary and the numbers as a table.

const HEIGHT = 260;
const MARGIN = { top: 28, right: 44, bottom: 30, left: 44 };
const MIN_LABEL_GAP = 64;

function summary(daily: readonly DailyFigures[]): string {
  const first = daily[0];
  const last = daily.at(-1);
  if (first === undefined || last === undefined) return "No days to show.";
  const total = (key: "views" | "redemptions" | "uses") => daily.reduce((sum, day) => sum + day[key], 0);
  const busiest = daily.reduce((best, day) => (day.views > best.views ? day : best), first);
  const peak = busiest.views > 0 ? ` Most views on ${longDay(busiest.date)}: ${formatNumber(busiest.views)}.` : "";
  return `From ${longDay(first.date)} to ${longDay(last.date)}: ${formatNumber(total("views"))} views, ${formatNumber(total("redemptions"))} claims and ${formatNumber(total("uses"))} uses.${peak}`;
}

function linePoints(values: readonly number[], x: (i: number) => number, y: (v: number) => number): string {
  return values.map((value, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(" ");
}

interface DayLabelsProps {
  daily: readonly DailyFigures[];
  indexes: readonly number[];
  band: number;
  centre: (i: number) => number;
  axisY: number;
}

/** The dates under the axis, each with a tick; on narrow bands the first and last hang inwards to stay inside. */
function DayLabels({ daily, indexes, band, centre, axisY }: DayLabelsProps) {
  const hang = band < MIN_LABEL_GAP && daily.length > 1;
  return indexes.map((i) => {
    const day = daily[i];
    if (day === undefined) return null;
    const anchor = hang && i === 0 ? "start" : hang && i === daily.length - 1 ? "end" : "middle";
    const x = anchor === "start" ? centre(i) - band / 2 : anchor === "end" ? centre(i) + band / 2 : centre(i);
    return (
      <g key={day.date}>
        <line x1={centre(i)} x2={centre(i)} y1={axisY} y2={axisY + 4} className="chart-axis" />
        <text x={x} y={axisY + 18} textAnchor={anchor} className="chart-tick">
          {shortDay(day.date)}
        </text>
      </g>
    );
  });
}

/** The key to the chart for sighted readers; screen readers have the table. */
function ChartLegend() {
  return (
    <ul className="chart-legend" aria-hidden="true">
      <li>
        <span className="chart-key chart-key-views" /> Views (bars, left scale)
      </li>
      <li>
        <span className="chart-key chart-key-claims" /> Claims (line, right scale)
      </li>
      <li>
        <span className="chart-key chart-key-uses" /> Uses (dashed line, right scale)
      </li>
    </ul>
  );
}

/** Every day's figures as a table, for screen readers only. */
function DailyTable({ daily }: { daily: readonly DailyFigures[] }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>Views, claims and uses per day</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Views</th>
            <th scope="col">Claims</th>
            <th scope="col">Uses</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((day) => (
            <tr key={day.date}>
              <th scope="row">{longDay(day.date)}</th>
              <td>{day.views}</td>
              <td>{day.redemptions}</td>
              <td>{day.uses}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DailyChart({ daily }: { daily: readonly DailyFigures[] }) {
  const { ref, width } = useElementWidth<HTMLDivElement>(640);
  const titleId = useId();
  const descId = useId();

  const plotLeft = MARGIN.left;
  const plotRight = Math.max(plotLeft + 10, width - MARGIN.right);
  const plotTop = MARGIN.top;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const band = (plotRight - plotLeft) / Math.max(1, daily.length);
  const centre = (i: number) => plotLeft + band * (i + 0.5);

  const viewTicks = niceTicks(Math.max(0, ...daily.map((day) => day.views)));
  const activityTicks = niceTicks(Math.max(0, ...daily.map((day) => Math.max(day.redemptions, day.uses))));
  const viewY = linearScale(viewTicks.at(-1) ?? 1, plotBottom, plotTop);
  const activityY = linearScale(activityTicks.at(-1) ?? 1, plotBottom, plotTop);
  const barWidth = Math.max(1, band * 0.7);
  const showDots = band >= 10;
  const labelled = labelIndexes(daily.length, Math.max(2, Math.floor((plotRight - plotLeft) / MIN_LABEL_GAP)));

  return (
    <div className="chart">
      <div ref={ref} className="chart-canvas">
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId} className="chart-svg">
          <title id={titleId}>Daily views, claims and uses</title>
          <desc id={descId}>{summary(daily)}</desc>
          <text x={0} y={12} className="chart-axis-title" textAnchor="start">
            Views
          </text>
          <text x={width} y={12} className="chart-axis-title" textAnchor="end">
            Claims, uses
          </text>
          {viewTicks.map((tick) => (
            <g key={`v${tick}`}>
              <line x1={plotLeft} x2={plotRight} y1={viewY(tick)} y2={viewY(tick)} className="chart-grid" />
              <text x={plotLeft - 8} y={viewY(tick)} dy="0.32em" textAnchor="end" className="chart-tick">
                {formatNumber(tick)}
              </text>
            </g>
          ))}
          {activityTicks.map((tick) => (
            <text key={`a${tick}`} x={plotRight + 8} y={activityY(tick)} dy="0.32em" textAnchor="start" className="chart-tick">
              {formatNumber(tick)}
            </text>
          ))}
          {daily.map((day, i) => (
            <rect key={day.date} x={centre(i) - barWidth / 2} y={viewY(day.views)} width={barWidth} height={Math.max(0, plotBottom - viewY(day.views))} className="chart-bar" />
          ))}
          <line x1={plotLeft} x2={plotRight} y1={plotBottom} y2={plotBottom} className="chart-axis" />
          <DayLabels daily={daily} indexes={labelled} band={band} centre={centre} axisY={plotBottom} />
          <polyline points={linePoints(daily.map((day) => day.redemptions), centre, activityY)} className="chart-line chart-line-claims" />
          <polyline points={linePoints(daily.map((day) => day.uses), centre, activityY)} className="chart-line chart-line-uses" />
          {showDots &&
            daily.map((day, i) => (
              // Markers only where something happened: a row of dots along zero says nothing.
              <g key={`d${day.date}`}>
                {day.redemptions > 0 && <circle cx={centre(i)} cy={activityY(day.redemptions)} r={3.5} className="chart-dot-claims" />}
                {day.uses > 0 && <rect x={centre(i) - 3} y={activityY(day.uses) - 3} width={6} height={6} className="chart-dot-uses" />}
              </g>
            ))}
          {daily.map((day, i) => (
            // A transparent column per day: hovering anywhere over it names the day's figures.
            <rect key={`h${day.date}`} x={plotLeft + band * i} y={plotTop} width={band} height={plotBottom - plotTop} className="chart-hit">
              <title>{`${longDay(day.date)}: ${formatNumber(day.views)} views, ${formatNumber(day.redemptions)} claims, ${formatNumber(day.uses)} uses`}</title>
            </rect>
          ))}
        </svg>
      </div>
      <ChartLegend />
      <DailyTable daily={daily} />
    </div>
  );
}
