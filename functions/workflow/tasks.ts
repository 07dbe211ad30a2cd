import type { WorkflowTaskName } from '../function-groups';

/** The state machine's definition, run by Step Functions on AWS and by aws-local-stepfunctions offline. */
export const workflowDefinitionPath = 'statemachines/purchase-order.asl.json';

/** Each `${…}` placeholder in the definition, and the function group whose ARN replaces it. */
export const workflowTaskFunctions = {
  TransmitFunctionArn: 'transmit',
  ParkFunctionArn: 'park',
  NotifyVendorFunctionArn: 'notifyVendor',
  RerouteFunctionArn: 'reroute',
} as const satisfies Record<string, WorkflowTaskName>;

export type WorkflowPlaceholder = keyof typeof workflowTaskFunctions;
