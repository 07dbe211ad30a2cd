import { DomainError, notFound } from '../domain/errors';
import { readCertificate, usableCertificate } from '../domain/edi-connections';
import { connectionView, deleteConnection, ourEndpoints, saveConnection } from '../services/edi-connections';
import { getConnection, listConnections } from '../store/connection-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { ediConnectionsRoutes } from './routes/edi-connections';

export const operations = operationsOf(ediConnectionsRoutes, {
  async putConnection({ params, body }, dependencies) {
    const { created, connection } = await saveConnection(dependencies, params.connectionId, body);
    return { status: created ? 201 : 200, body: await connectionView(dependencies, connection) };
  },

  async getConnection({ params }, dependencies) {
    const connection = await getConnection(dependencies.table, params.connectionId);
    if (!connection) throw notFound('Connection', params.connectionId);
    return { body: await connectionView(dependencies, connection) };
  },

  async listConnections({ query }, dependencies) {
    const [page, endpoints] = await Promise.all([listConnections(dependencies.table, query), ourEndpoints(dependencies)]);
    return { body: { items: await Promise.all(page.items.map((c) => connectionView(dependencies, c, endpoints))), nextCursor: page.nextCursor } };
  },

  async deleteConnection({ params }, dependencies) {
    await deleteConnection(dependencies, params.connectionId);
    return { body: { connectionId: params.connectionId, deleted: true } };
  },

  async getAs2Profile(_input, dependencies) {
    return { body: await as2Profile(dependencies) };
  },

  async putAs2Profile({ body }, dependencies) {
    try {
      usableCertificate(body.certificate, dependencies.now());
    } catch (error) {
      throw new DomainError('VALIDATION_FAILED', 'Our AS2 certificate cannot be used', [{ field: 'certificate', rule: 'valid_certificate', message: (error as Error).message }]);
    }
    const { transfer } = await dependencies.edi();
    await transfer.setAs2Profile(body);
    return { body: await as2Profile(dependencies) };
  },
});

async function as2Profile(dependencies: Parameters<typeof connectionView>[0]) {
  const ours = (await ourEndpoints(dependencies)).as2;
  if (!ours?.certificate) throw notFound('AS2 profile', 'ours');
  return { ...ours, certificateInfo: readCertificate(ours.certificate, dependencies.now()) };
}

export const handler = createApiHandler(operations);
