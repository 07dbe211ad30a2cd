import type { Dependencies } from '../dependencies';
import type { Vendor } from '../domain/catalog';
import { certificationPurchaseOrders, certificationReport, type CertificationReport } from '../domain/certification';
import { DomainError, notFound } from '../domain/errors';
import { logger } from '../logger';
import { getVendor } from '../store/catalog-store';
import { createCertificationRun, latestCertificationRun, readCertificationRun } from '../store/certification-store';

/**
 * Starts a certification run: the scripted test POs are written with the run in one transaction
 * and each goes to the vendor through its own workflow, exactly as a real PO would.
 */
export async function startCertification(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now' | 'ids'>,
  vendorId: string,
  request: { vendorSkus: readonly string[]; currency: string },
  by: string,
): Promise<CertificationReport> {
  const { table, now, ids } = dependencies;
  const vendor = await getVendor(table, vendorId);
  if (!vendor) throw notFound('Vendor', vendorId);
  if (!vendor.active) {
    throw new DomainError('VENDOR_INACTIVE', `Vendor ${vendorId} is inactive: it cannot receive test POs`, [
      { field: 'vendorId', rule: 'active_vendor', message: 'set the vendor active before starting a certification run' },
    ]);
  }
  const at = now();
  const { run, order, purchaseOrders } = certificationPurchaseOrders(
    vendor,
    { runId: ids.certificationRunId(), orderId: ids.orderId(), newPoNumber: ids.poNumber },
    { ...request, actor: { by, at } },
  );
  await createCertificationRun(table, run, order, purchaseOrders);
  await dependencies.workflow.start(run.steps.map((s) => s.poNumber));
  logger.info('Certification run started', { vendorId, runId: run.runId, channel: vendor.channel, poNumbers: order.poNumbers });
  return certificationReport(run, new Map(purchaseOrders.map((po) => [po.poNumber, po])), new Map(), at);
}

/** The vendor's latest run as it stands now, or undefined when it has had none. */
export async function latestCertificationReport(dependencies: Pick<Dependencies, 'table' | 'now'>, vendorId: string): Promise<CertificationReport | undefined> {
  const run = await latestCertificationRun(dependencies.table, vendorId);
  if (!run) return undefined;
  const { purchaseOrders, documents } = await readCertificationRun(dependencies.table, run);
  return certificationReport(run, purchaseOrders, documents, dependencies.now());
}

/** A passed run lets ops set a vendor LIVE without giving a reason; its id goes in the vendor's history instead. */
export async function passedCertification(dependencies: Pick<Dependencies, 'table' | 'now'>, vendor: Pick<Vendor, 'vendorId'>): Promise<string | undefined> {
  const report = await latestCertificationReport(dependencies, vendor.vendorId);
  return report?.status === 'PASSED' ? report.runId : undefined;
}

/** The latest run's report, or a 404 that says how to start one (ops' view and the vendor's). */
export async function certificationReportOf(dependencies: Pick<Dependencies, 'table' | 'now'>, vendorId: string): Promise<CertificationReport> {
  const report = await latestCertificationReport(dependencies, vendorId);
  if (!report) throw new DomainError('NOT_FOUND', `Vendor ${vendorId} has had no certification run yet; ops start one with POST /vendors/${vendorId}/certification`);
  return report;
}
