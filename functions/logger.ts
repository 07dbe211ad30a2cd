import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger for every function. Log lines carry ids (orderId, poNumber, vendorId,
 * keyId), never a customer's name, email, phone or address.
 */
export const logger = new Logger({ serviceName: 'dropship-oms' });
