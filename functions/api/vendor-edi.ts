import type { Principal } from '../contracts/api-keys';
import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import { receiveX12, type EdiVendor } from '../services/receive-x12';
import { getVendor } from '../store/catalog-store';
import { listEdiDocuments } from '../store/edi-log-store';
import { listPendingDocuments, markDocumentCollected } from '../store/edi-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { vendorEdiRoutes } from './routes/vendor-edi';

const x12ContentType = 'application/edi-x12';

async function ediVendorOf(table: Dependencies['table'], principal: Principal): Promise<EdiVendor> {
  const vendor = principal.vendorId ? await getVendor(table, principal.vendorId) : undefined;
  if (!vendor?.edi) throw new DomainError('FORBIDDEN', 'This key belongs to no vendor with EDI settings');
  return vendor as EdiVendor;
}

export const operations = operationsOf(vendorEdiRoutes, {
  async listOutboundDocuments({ query, principal }, { table }) {
    const vendor = await ediVendorOf(table, principal);
    const page = await listPendingDocuments(table, vendor.vendorId, query);
    return {
      body: {
        documents: page.items.map((d) => ({ id: d.documentId, type: d.type, poNumber: d.poNumber, x12: d.x12, createdAt: d.createdAt })),
        nextCursor: page.nextCursor,
      },
    };
  },

  async markDocumentReceived({ params, principal }, { table, now }) {
    const vendor = await ediVendorOf(table, principal);
    const document = await markDocumentCollected(table, vendor.vendorId, params.documentId, now().toISOString());
    if (!document?.collectedAt) throw notFound('Document', params.documentId);
    return { body: { id: document.documentId, collectedAt: document.collectedAt } };
  },

  async receiveX12({ body, principal }, dependencies) {
    const vendor = await ediVendorOf(dependencies.table, principal);
    return { contentType: x12ContentType, body: await receiveX12(dependencies, vendor, body) };
  },

  async listInboundDocuments({ query, principal }, { table }) {
    const vendor = await ediVendorOf(table, principal);
    const { limit, cursor, accepted, type } = query;
    return { body: await listEdiDocuments(table, { vendorId: vendor.vendorId, direction: 'IN', accepted, type }, { limit, cursor }) };
  },
});

export const handler = createApiHandler(operations);
