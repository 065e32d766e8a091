'use client';
// The score per day from the posture snapshots, as a line chart (recharts) with the same
// numbers in a table underneath for keyboard and screen-reader users.
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendPoint } from '@/server/posture/snapshots';

const percent = (score: number | null) => (score === null ? '—' : `${Math.floor(score * 1000) / 10}%`);

interface ChartPoint {
  day: string;
  percent: number | null;
  passed: number;
  failed: number;
}

function TrendTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: ChartPoint }[] }) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <div className="font-semibold">{point.day}</div>
      <div>{point.percent === null ? 'no verdicts' : `${point.percent.toFixed(1)}% passing`}</div>
      <div>
        {point.passed} passed · {point.failed} failed
      </div>
    </div>
  );
}

export function TrendChart({ points, title, testId = 'trend' }: { points: TrendPoint[]; title: string; testId?: string }) {
  if (points.length === 0) {
    return (
      <p className="rounded border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-600" data-testid={`${testId}-empty`}>
        No history yet. A snapshot of the posture is taken after every sync and once a day; the trend starts with the first one.
      </p>
    );
  }
  const data: ChartPoint[] = points.map((p) => ({ day: p.day, percent: p.score === null ? null : Math.round(p.score * 1000) / 10, passed: p.passed, failed: p.failed }));
  const latest = points[points.length - 1];
  return (
    <figure className="space-y-2" data-testid={testId}>
      <figcaption className="text-sm text-slate-600">
        {title}: {percent(latest.score)} on {latest.day}
        {points.length > 1 && ` (${percent(points[0].score)} on ${points[0].day})`}
      </figcaption>
      <div aria-hidden="true">
        <AreaChart responsive style={{ width: '100%', height: 200 }} data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <defs>
            <linearGradient id={`${testId}-fill`} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="#1d5fbf" stopOpacity={0.3} />
              <stop offset="100%" stopColor="#1d5fbf" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 11, fill: '#475569' }} minTickGap={16} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11, fill: '#475569' }} />
          <Tooltip content={TrendTooltip} />
          <Area type="monotone" dataKey="percent" stroke="#1d5fbf" strokeWidth={2} fill={`url(#${testId}-fill)`} dot={points.length < 40} isAnimationActive={false} connectNulls />
        </AreaChart>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Show the numbers</summary>
        <div className="relative mt-2 max-h-64 overflow-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}, per day</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">Day</th>
                <th scope="col" className="px-2 py-1 text-right">Score</th>
                <th scope="col" className="px-2 py-1 text-right">Passed</th>
                <th scope="col" className="px-2 py-1 text-right">Failed</th>
                <th scope="col" className="px-2 py-1 text-right">Excepted</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {[...points].reverse().map((p) => (
                <tr key={p.day} className="border-t border-slate-100">
                  <td className="px-2 py-1 font-mono">{p.day}</td>
                  <td className="px-2 py-1 text-right">{percent(p.score)}</td>
                  <td className="px-2 py-1 text-right">{p.passed}</td>
                  <td className="px-2 py-1 text-right">{p.failed}</td>
                  <td className="px-2 py-1 text-right">{p.excepted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
