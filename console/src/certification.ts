import { dateTime } from './format';
import { Chip, html } from './ui';

/** A certification run's report, as GET /vendors/{id}/certification and GET /vendor/certification give it. */
export interface CertificationReport {
  runId: string;
  vendorId: string;
  channel: string;
  startedAt: string;
  status: 'RUNNING' | 'PASSED' | 'FAILED';
  steps: {
    step: string;
    title: string;
    instruction: string;
    poNumber: string;
    poStatus: string;
    status: 'PASSED' | 'FAILED' | 'WAITING';
    checks: { check: string; status: 'PASSED' | 'FAILED' | 'WAITING'; detail: string }[];
  }[];
}

const tone = { PASSED: 'ok', FAILED: 'warn', WAITING: 'info', RUNNING: 'info' } as const;
const label = { PASSED: 'passed', FAILED: 'failed', WAITING: 'waiting', RUNNING: 'running' } as const;

/**
 * The report step by step: each test PO, what it asks of the vendor, and every check with what it
 * found, failures first. `poLink` makes each PO number a link (to the console's or the portal's page).
 */
export function CertificationRun({ report, poLink }: { report: CertificationReport; poLink: (poNumber: string) => string }) {
  const done = report.steps.filter((s) => s.status === 'PASSED').length;
  return html`<div class="stack" data-testid="certification-report">
    <p><${Chip} tone=${tone[report.status]}>Run ${label[report.status]}</${Chip}> ${done} of ${report.steps.length} steps passed · started ${dateTime(report.startedAt)} · <span class="sub">${report.runId}</span></p>
    <ol class="cert-steps">${report.steps.map((step) => html`<li data-step=${step.step} data-status=${step.status}>
      <h3><${Chip} tone=${tone[step.status]}>${label[step.status]}</${Chip}> ${step.title} · <a href=${poLink(step.poNumber)}>${step.poNumber}</a> <span class="sub">${step.poStatus}</span></h3>
      <p class="sub">${step.instruction}</p>
      <ul>${[...step.checks].sort((a, b) => (a.status === 'FAILED' ? -1 : 0) - (b.status === 'FAILED' ? -1 : 0)).map((c) => html`<li class=${`check check-${c.status.toLowerCase()}`}><strong>${c.check}</strong>: ${c.status === 'PASSED' ? '✓' : c.status === 'FAILED' ? '✗' : '…'} ${c.detail}</li>`)}</ul>
    </li>`)}</ol>
  </div>`;
}
