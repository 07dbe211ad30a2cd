import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useState } from 'preact/hooks';
import { get, query } from '../api';
import { percent } from '../format';
import type { PromiseAccuracy } from '../../../functions/domain/vendor-analytics';
import { Chip, Empty, ErrorBox, html, Loading, useLoad } from '../ui';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Legend, Tooltip);

interface Scorecard {
  vendorId: string;
  period: { from: string; to: string };
  posSent: number;
  closed: number;
  successRate: number | null;
  delayFrequency: number | null;
  cancellationRate: { byVendor: number | null; byCustomer: number | null };
  onTimeAckRate: number | null;
  onTimeShipRate: number | null;
  hoursToAck: { median: number | null; p90: number | null };
  hoursToShip: { median: number | null; p90: number | null };
  fillRate: number | null;
  validTrackingRate: number | null;
  firstScanOnTimeRate: number | null;
  deliveredOnTimeRate: number | null;
  promiseAccuracy: PromiseAccuracy;
  acksWithoutShipDate: number;
  inventoryFeedScore: number | null;
  score: number | null;
  scoreChange: number | null;
  tier: Tier | null;
  previousTier: Tier | null;
  tierChange: 'UP' | 'DOWN' | 'SAME' | null;
  reasons: Record<string, string>;
  flags: string[];
  demoData: boolean;
  openExceptions: Record<string, number>;
  daily: { date: string; posSent: number; onTimeShipRate: number | null; onTimeAckRate: number | null; fillRate: number | null; delayFrequency: number | null }[];
}

const days = (n: number | null) => (n === null ? '—' : `${n} day${n === 1 ? '' : 's'}`);

/** The promise figures: adherence first (Amazon asks sellers for 97 %), then how wide and how far off. */
const PromiseFigures = ({ accuracy, testId }: { accuracy: PromiseAccuracy; testId: string }) =>
  accuracy.delivered === 0
    ? html`<p class="sub" data-testid=${testId}>No delivery against a promise in this period.</p>`
    : html`<dl class="figures" data-testid=${testId}>
        <div><dt>Delivered by the promised date</dt><dd data-figure="adherence" data-value=${String(accuracy.adherence)}>${percent(accuracy.adherence ?? 0)} <span class="sub">${accuracy.kept} of ${accuracy.delivered}</span></dd></div>
        <div><dt>Inside the window</dt><dd data-figure="insideWindow" data-value=${String(accuracy.insideWindow)}>${percent(accuracy.insideWindow ?? 0)}</dd></div>
        <div><dt>Median window</dt><dd data-figure="medianWindowDays" data-value=${String(accuracy.medianWindowDays)}>${days(accuracy.medianWindowDays)}</dd></div>
        <div><dt>Median early (on time)</dt><dd data-figure="medianDaysEarly" data-value=${String(accuracy.medianDaysEarly)}>${days(accuracy.medianDaysEarly)}</dd></div>
        <div><dt>Median late (late ones)</dt><dd data-figure="medianDaysLate" data-value=${String(accuracy.medianDaysLate)}>${days(accuracy.medianDaysLate)}</dd></div>
      </dl>`;

type Tier = 'GOLD' | 'SILVER' | 'BRONZE' | 'AT_RISK';
const tierLabel: Record<Tier, string> = { GOLD: 'Gold', SILVER: 'Silver', BRONZE: 'Bronze', AT_RISK: 'At risk' };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** No data is not zero: a null figure reads "not enough data", its reason on hover and to screen readers. */
const NoData = ({ reason }: { reason?: string }) => html`<span class="no-data" title=${reason ?? ''}>not enough data${reason ? html`<span class="visually-hidden">: ${reason}</span>` : ''}</span>`;

const TierBadge = ({ card }: { card: Pick<Scorecard, 'tier' | 'tierChange' | 'previousTier' | 'reasons'> }) =>
  card.tier === null
    ? html`<${NoData} reason=${card.reasons.tier} />`
    : html`<span class=${`tier tier-${card.tier.toLowerCase()}`} data-tier=${card.tier}>${tierLabel[card.tier]}</span>${card.tierChange && card.tierChange !== 'SAME' ? html` <span class="sub" title=${`was ${card.previousTier ? tierLabel[card.previousTier] : '—'}`}>${card.tierChange === 'UP' ? '▲' : '▼'}</span>` : ''}`;

/** The figures of a scorecard, each as the API gives it (data-value) and as people read it. */
/** The figures of a scorecard, each as the API gives it (data-value) and as people read it; the key names its reason when null. */
const figures: [string, string, (s: Scorecard) => number | null, 'ratio' | 'count' | 'score' | 'hours'][] = [
  ['POs sent', 'posSent', (s) => s.posSent, 'count'],
  ['Success rate', 'successRate', (s) => s.successRate, 'ratio'],
  ['On-time acknowledgment', 'onTimeAckRate', (s) => s.onTimeAckRate, 'ratio'],
  ['On-time shipment', 'onTimeShipRate', (s) => s.onTimeShipRate, 'ratio'],
  ['Fill rate', 'fillRate', (s) => s.fillRate, 'ratio'],
  ['Delay frequency', 'delayFrequency', (s) => s.delayFrequency, 'ratio'],
  ['Cancelled by vendor', 'cancellationRate.byVendor', (s) => s.cancellationRate.byVendor, 'ratio'],
  ['Cancelled by customer', 'cancellationRate.byCustomer', (s) => s.cancellationRate.byCustomer, 'ratio'],
  ['Valid tracking', 'validTrackingRate', (s) => s.validTrackingRate, 'ratio'],
  ['First scan on time', 'firstScanOnTimeRate', (s) => s.firstScanOnTimeRate, 'ratio'],
  ['Delivered by the promise', 'deliveredOnTimeRate', (s) => s.deliveredOnTimeRate, 'ratio'],
  ['Acks without a ship date', 'acksWithoutShipDate', (s) => s.acksWithoutShipDate, 'count'],
  ['Inventory feed days', 'inventoryFeedScore', (s) => s.inventoryFeedScore, 'ratio'],
  ['Median hours to acknowledge', 'hoursToAck', (s) => s.hoursToAck.median, 'hours'],
  ['Median hours to ship', 'hoursToShip', (s) => s.hoursToShip.median, 'hours'],
];

const show = (value: number | null, kind: 'ratio' | 'count' | 'score' | 'hours', reason?: string) =>
  value === null ? html`<${NoData} reason=${reason} />` : kind === 'ratio' ? percent(value) : kind === 'hours' ? `${value} h` : String(value);

function TrendChart({ card }: { card: Scorecard }) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!canvas) return;
    const chart = new Chart(canvas, {
      data: {
        labels: card.daily.map((d) => d.date),
        datasets: [
          { type: 'bar', label: 'POs sent', data: card.daily.map((d) => d.posSent), yAxisID: 'count', backgroundColor: '#c7d2fe' },
          { type: 'line', label: 'On-time shipment %', data: card.daily.map((d) => (d.onTimeShipRate === null ? null : d.onTimeShipRate * 100)), yAxisID: 'rate', borderColor: '#047857', spanGaps: true },
          { type: 'line', label: 'Fill rate %', data: card.daily.map((d) => (d.fillRate === null ? null : d.fillRate * 100)), yAxisID: 'rate', borderColor: '#b45309', spanGaps: true },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { count: { position: 'left', beginAtZero: true, ticks: { precision: 0 } }, rate: { position: 'right', min: 0, max: 100 } },
      },
    });
    return () => chart.destroy();
  }, [canvas, card]);
  return html`<div class="chart"><canvas ref=${setCanvas} role="img" aria-label=${`Daily POs sent, on-time shipment and fill rate for ${card.vendorId}`}></canvas></div>`;
}

/** Vendor scorecards for a period: the ranking, and one vendor's figures and daily trend. */
export function AnalyticsPage() {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [vendorId, setVendorId] = useState<string | null>(null);
  const ranking = useLoad(() => get<{ items: Scorecard[]; promiseAccuracy: PromiseAccuracy }>(`/analytics/vendors${query({ from, to })}`), [from, to]);
  const chosen = vendorId ?? ranking.data?.items[0]?.vendorId ?? null;
  const card = useLoad(() => (chosen ? get<Scorecard>(`/analytics/vendors/${encodeURIComponent(chosen)}${query({ from, to })}`) : Promise.resolve(undefined)), [chosen, from, to]);
  return html`<section aria-labelledby="analytics-title">
    <div class="page-head"><h1 id="analytics-title">Vendor performance</h1>
      <div class="filters">
        <label class="inline">From <input type="date" value=${from} max=${to} onChange=${(e: Event) => setFrom((e.target as HTMLInputElement).value)} data-testid="period-from" /></label>
        <label class="inline">To <input type="date" value=${to} min=${from} onChange=${(e: Event) => setTo((e.target as HTMLInputElement).value)} data-testid="period-to" /></label>
      </div>
    </div>
    ${ranking.data?.items.some((s) => s.demoData) && html`<p class="state info" data-testid="demo-data">This period includes demo history seeded by <code>npm start -- --reset</code>: not live data.</p>`}
    <h2>Ranking</h2>
    ${ranking.loading ? html`<${Loading} what="Loading scorecards" />`
      : ranking.error ? html`<${ErrorBox} error=${ranking.error} retry=${ranking.reload} />`
      : ranking.data?.items.length === 0 ? html`<${Empty}>No vendors.</${Empty}>`
      : html`<div class="table-wrap"><table data-testid="ranking"><thead><tr><th scope="col">#</th><th scope="col">Vendor</th><th scope="col">Score</th><th scope="col">Tier</th><th scope="col">Change</th><th scope="col">On-time ship</th><th scope="col">Fill rate</th><th scope="col">Cancelled by vendor</th><th scope="col">Promises kept</th><th scope="col">POs sent</th><th scope="col">Flags</th></tr></thead>
        <tbody>${ranking.data?.items.map((s, i) => html`<tr data-vendor=${s.vendorId} aria-selected=${s.vendorId === chosen}>
          <td>${i + 1}</td>
          <td><button type="button" class="link" onClick=${() => setVendorId(s.vendorId)}>${s.vendorId}</button></td>
          <td data-value=${String(s.score)}>${show(s.score, 'score', s.reasons.score)}</td><td><${TierBadge} card=${s} /></td><td>${s.scoreChange === null ? '—' : `${s.scoreChange > 0 ? '+' : ''}${s.scoreChange}`}</td>
          <td data-value=${String(s.onTimeShipRate)}>${show(s.onTimeShipRate, 'ratio', s.reasons.onTimeShipRate)}</td><td data-value=${String(s.fillRate)}>${show(s.fillRate, 'ratio', s.reasons.fillRate)}</td>
          <td>${show(s.cancellationRate.byVendor, 'ratio', s.reasons['cancellationRate.byVendor'])}</td><td data-value=${String(s.promiseAccuracy.adherence)}>${show(s.promiseAccuracy.adherence, 'ratio', 'no delivery against a promise in the period')}</td><td data-value=${String(s.posSent)}>${s.posSent}</td>
          <td>${s.flags.map((f) => html`<${Chip}>${f}</${Chip}>`)}</td>
        </tr>`)}</tbody></table></div>`}
    ${ranking.data && html`<section aria-labelledby="promises-title" class="card"><h2 id="promises-title">Delivery promises, all vendors</h2>
      <p class="sub">Each order's promise as the storefront showed it (learned from the vendor's handling and its carriers' transit to the region where there is history, else the SLA), against the day it was delivered.</p>
      <${PromiseFigures} accuracy=${ranking.data.promiseAccuracy} testId="promise-totals" /></section>`}
    ${chosen && html`<section aria-labelledby="scorecard-title" class="card">
      <h2 id="scorecard-title">Scorecard: ${chosen}</h2>
      ${card.loading ? html`<${Loading} what="Loading the scorecard" />`
        : card.error ? html`<${ErrorBox} error=${card.error} retry=${card.reload} />`
        : card.data && html`<div>
          <p class="score" data-testid="score" data-value=${String(card.data.score)}>Score ${card.data.score === null ? html`<${NoData} reason=${card.data.reasons.score} />` : html`<strong>${card.data.score}</strong> / 100`} · <${TierBadge} card=${card.data} /></p>
          ${card.data.score === null && card.data.reasons.score && html`<p class="sub" data-testid="score-reason">No score: ${card.data.reasons.score}.</p>`}
          <dl class="figures" data-testid="figures">${figures.map(([label, key, pick, kind]) => html`<div><dt>${label}</dt><dd data-figure=${label} data-value=${String(pick(card.data as Scorecard))}>${show(pick(card.data as Scorecard), kind, card.data?.reasons[key])}</dd></div>`)}</dl>
          <h3>Delivery promises</h3>
          <${PromiseFigures} accuracy=${card.data.promiseAccuracy} testId="promise-figures" />
          ${Object.keys(card.data.openExceptions).length > 0 && html`<p>Open exceptions: ${Object.entries(card.data.openExceptions).map(([t, n]) => html`<${Chip}>${t} ${n}</${Chip}>`)}</p>`}
          ${card.data.daily.length === 0 ? html`<${Empty}>No activity in this period.</${Empty}>` : html`<${TrendChart} card=${card.data} />`}
        </div>`}
    </section>`}
  </section>`;
}
