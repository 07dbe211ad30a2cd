import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { logger } from '../logger';

/** The purchase-order state machine, as the handlers see it. */
export interface PurchaseOrderWorkflow {
  /** Starts one execution per PO, named after the PO number, so a retry cannot start a second. */
  start(poNumbers: readonly string[]): Promise<void>;
  /** Hands a waiting execution its answer. A token already used or expired is logged and ignored. */
  wake(taskToken: string, output: { poNumber: string; status: string }): Promise<void>;
}

export function stepFunctionsWorkflow(client: SFNClient, stateMachineArn: string): PurchaseOrderWorkflow {
  return {
    async start(poNumbers) {
      await Promise.all(
        poNumbers.map(async (poNumber) => {
          try {
            await client.send(
              new StartExecutionCommand({
                stateMachineArn,
                name: poNumber,
                input: JSON.stringify({ poNumber, status: 'PENDING' }),
              }),
            );
          } catch (error) {
            if (!(error instanceof ExecutionAlreadyExists)) throw error;
          }
        }),
      );
    },
    async wake(taskToken, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      } catch (error) {
        if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken) {
          logger.warn('Workflow token no longer waiting', { poNumber: output.poNumber, error: error.name });
          return;
        }
        throw error;
      }
    },
  };
}

/** Used where no state machine is configured: starting or waking one is a configuration error. */
export const missingWorkflow: PurchaseOrderWorkflow = {
  start: () => Promise.reject(new Error('STATE_MACHINE_ARN is not set for this function')),
  wake: () => Promise.reject(new Error('STATE_MACHINE_ARN is not set for this function')),
};
