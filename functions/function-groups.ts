/**
 * The Lambda functions, one per route group, schedule, workflow task and event source: what each
 * runs and may touch. The CDK stack makes and grants each from here; the local runner loads the
 * same entries.
 */
/** DynamoDB actions a function may be granted; each group names only those it uses. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchWriteItem';

export type WorkflowAction = 'states:StartExecution' | 'states:SendTaskSuccess';

export interface FunctionGroup {
  /** Source file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly tableActions: readonly TableAction[];
  /** Whether the function reads the table's indexes (grants `<table>/index/*`). */
  readonly readsIndexes: boolean;
  /** What the function may do to the purchase-order state machine. */
  readonly workflowActions?: readonly WorkflowAction[];
  /** Whether it opens exceptions, and so publishes to the alerts topic. */
  readonly publishesAlerts?: boolean;
  /** Whether it emails (SES) and texts (SNS SMS) customers: only the notifier does. */
  readonly sendsCustomerMessages?: boolean;
  /** Whether it emails vendors directly (sign-in links, which must not sit in the table for the notifier). */
  readonly sendsVendorMail?: boolean;
  /** Its access to the EDI mailbox bucket: RW for the functions that write vendors' files. */
  readonly mailboxes?: 'RW';
  /** Transfer Family: MANAGE makes and removes users, profiles, agreements and connectors; SEND starts AS2 transfers. */
  readonly transfer?: 'MANAGE' | 'SEND';
}

const poWrites = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const satisfies readonly TableAction[];
/**
 * Receiving X12 (the API's POST /vendor/edi, a mailbox file): the interchange's records and answers, the
 * POs it changes, and for an 855 backordering beyond the re-routing rules the order, rules, products and
 * other sources (BatchGets).
 */
const receivesX12 = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'] as const satisfies readonly TableAction[];

export const functionGroups = {
  catalog: {
    entry: 'functions/api/catalog.ts',
    description: 'Vendors, their certification runs and products (ops)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    readsIndexes: true,
    workflowActions: ['states:StartExecution'],
    // A vendor put on a connection, or its last vendor deactivated, makes or removes the connection's Transfer Family user.
    transfer: 'MANAGE',
  },
  orders: {
    entry: 'functions/api/orders.ts',
    description: 'Order placement, status and cancellation (storefront)',
    tableActions: ['dynamodb:BatchGetItem', 'dynamodb:Query', ...poWrites],
    readsIndexes: false,
    workflowActions: ['states:StartExecution', 'states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  dropship: {
    entry: 'functions/api/dropship.ts',
    description: 'The Dropship tab, PO actions (a retried transmission, an approved re-route) and the EDI log (ops)',
    tableActions: ['dynamodb:Query', 'dynamodb:BatchGetItem', ...poWrites],
    readsIndexes: true,
    // An approved re-route starts the new PO's workflow.
    workflowActions: ['states:SendTaskSuccess', 'states:StartExecution'],
    publishesAlerts: true,
  },
  vendorPortal: {
    entry: 'functions/api/vendor-portal.ts',
    description: "A vendor's purchase orders, acknowledgments, shipments and certification report (vendor, JSON)",
    tableActions: ['dynamodb:Query', 'dynamodb:BatchGetItem', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  vendorEdi: {
    entry: 'functions/api/vendor-edi.ts',
    description: "A vendor's X12: outbound documents, inbound 855/856/846/997 answered with 997/999/TA1, its EDI log (vendor)",
    tableActions: receivesX12,
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  apiKeys: {
    entry: 'functions/api/api-keys.ts',
    description: 'API key administration (ops)',
    tableActions: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    readsIndexes: true,
  },
  inventory: {
    entry: 'functions/api/inventory.ts',
    description: 'Vendor inventory feeds and stock by SKU',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem'],
    readsIndexes: false,
  },
  exceptions: {
    entry: 'functions/api/exceptions.ts',
    description: 'The Exceptions tab and its actions (ops)',
    tableActions: ['dynamodb:Query', 'dynamodb:DeleteItem', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  vendorSignIn: {
    entry: 'functions/api/vendor-sign-in.ts',
    description: 'Vendor portal sign-in: one-time links by email, exchanged for session keys (keyless)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    readsIndexes: false,
    sendsVendorMail: true,
  },
  tracking: {
    entry: 'functions/api/tracking.ts',
    description: 'Carrier events (carrier key) and the tracking aggregator webhook (signed): the parcel after dispatch',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  analytics: {
    entry: 'functions/api/analytics.ts',
    description: 'Vendor scorecards and compliance charges (ops)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    readsIndexes: true,
  },
  invoicing: {
    entry: 'functions/api/invoicing.ts',
    description: "Vendor invoices and their match (vendor, ops), the invoicing rules, payables and remittances (ops); sends each remittance over the vendor's channel",
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
    readsIndexes: true,
    // An 820 to a vendor on a connection is written to its mailbox or sent over AS2.
    mailboxes: 'RW',
    transfer: 'SEND',
  },
  returns: {
    entry: 'functions/api/returns.ts',
    description: "Customer returns (storefront, ops) and the vendor's answer and receipt (vendor); asks the vendor over its channel (180, webhook)",
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
    readsIndexes: true,
    // A 180 to a vendor on a connection is written to its mailbox or sent over AS2.
    mailboxes: 'RW',
    transfer: 'SEND',
  },
  ediConnections: {
    entry: 'functions/api/edi-connections.ts',
    description: 'EDI connections (SFTP mailboxes, AS2 partners) and our AS2 profile (ops); makes their Transfer Family users, profiles, agreements and connectors',
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    readsIndexes: true,
    transfer: 'MANAGE',
    mailboxes: 'RW',
  },
  mailboxFile: {
    entry: 'functions/transfers/mailbox-file.ts',
    description: "S3 event: a file in a connection's /in (SFTP or AS2) routed by ISA sender and received like POST /vendor/edi; answers to /out",
    tableActions: receivesX12,
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
    mailboxes: 'RW',
  },
  as2Events: {
    entry: 'functions/transfers/as2-events.ts',
    description: 'EventBridge aws.transfer AS2 events: the MDN of what we sent, recorded on the document; a failed send is sent again, then opens the transmission exception',
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
    mailboxes: 'RW',
    transfer: 'SEND',
  },
  slaCheck: {
    entry: 'functions/schedules/sla-check.ts',
    description: 'Schedule: SLA check (reminders, ACK_OVERDUE, SHIP_OVERDUE, auto-cancel)',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
    // Its reminders to EDI vendors on a connection are 850s written to their mailbox.
    mailboxes: 'RW',
    transfer: 'SEND',
  },
  delayCheck: {
    entry: 'functions/schedules/delay-check.ts',
    description: 'Schedule: delay check (DELAYED, BACKORDER_OVERDUE)',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  notifier: {
    entry: 'functions/notifications/notifier.ts',
    description: 'Table stream consumer: customer emails (SES) and SMS (SNS) at each milestone, at most once; puts a PO list entry its writer missed',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    readsIndexes: false,
    publishesAlerts: true,
    sendsCustomerMessages: true,
  },
  authorizer: {
    entry: 'functions/api/authorizer.ts',
    description: 'API key authorizer',
    tableActions: ['dynamodb:GetItem'],
    readsIndexes: false,
  },
  transmit: {
    entry: 'functions/workflow/transmit.ts',
    description: 'Workflow task: send a PO to its vendor (X12 850 or webhook)',
    tableActions: [...poWrites, 'dynamodb:BatchWriteItem'],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
    mailboxes: 'RW',
    transfer: 'SEND',
  },
  park: {
    entry: 'functions/workflow/park.ts',
    description: "Workflow task: keep the execution's task token on the PO while it waits",
    tableActions: poWrites,
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  notifyVendor: {
    entry: 'functions/workflow/notify-vendor.ts',
    description: 'Workflow task: tell the vendor about cancelled lines (X12 860 or webhook)',
    tableActions: [...poWrites, 'dynamodb:BatchWriteItem'],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
    mailboxes: 'RW',
    transfer: 'SEND',
  },
  reroute: {
    entry: 'functions/workflow/reroute.ts',
    description: 'Workflow task: send lines a vendor dropped to another source by the re-routing rules, or say why not',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    readsIndexes: false,
    workflowActions: ['states:StartExecution'],
  },
} as const satisfies Record<string, FunctionGroup>;

export type FunctionName = keyof typeof functionGroups;
export const workflowTaskNames = ['transmit', 'park', 'notifyVendor', 'reroute'] as const satisfies readonly FunctionName[];
export type WorkflowTaskName = (typeof workflowTaskNames)[number];
export const scheduleNames = ['slaCheck', 'delayCheck'] as const satisfies readonly FunctionName[];
export type ScheduleName = (typeof scheduleNames)[number];
/** Functions Transfer Family's events run: a new file in a mailbox, an AS2 MDN. */
export const transferEventNames = ['mailboxFile', 'as2Events'] as const satisfies readonly FunctionName[];
export type TransferEventName = (typeof transferEventNames)[number];
export type GroupName = Exclude<FunctionName, 'authorizer' | 'notifier' | WorkflowTaskName | ScheduleName | TransferEventName>;

