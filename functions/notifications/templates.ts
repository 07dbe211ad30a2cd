import Handlebars from 'handlebars';
import type { MessageData, Milestone } from '../domain/notifications';

/**
 * The customer messages, one set per milestone: an email subject, HTML and text body, and an SMS.
 * Kept here, in the repository, and rendered with the order's data by Handlebars, which escapes
 * every `{{value}}` in the HTML so a name or SKU cannot inject markup. Text parts are not HTML and
 * are rendered unescaped.
 */
interface MessageSources {
  subject: string;
  html: string;
  text: string;
  sms: string;
}

const itemsHtml = '<ul>{{#each items}}<li>{{quantity}} × {{name}}{{#if price}} — {{price}}{{/if}}{{#if reason}} ({{reason}}){{/if}}{{#if backorderDate}}, expected to ship {{date backorderDate}}{{/if}}</li>{{/each}}</ul>';
const itemsText = '{{#each items}}- {{quantity}} x {{name}}{{#if price}}  {{price}}{{/if}}{{#if reason}} ({{reason}}){{/if}}{{#if backorderDate}}, expected to ship {{date backorderDate}}{{/if}}\n{{/each}}';
/** The order-received message's receipt: the total and where it goes. */
const receiptHtml = '{{#if total}}<p>Total: <b>{{total}}</b></p>{{/if}}{{#if shipTo}}<p>Shipping to:<br>{{shipTo.name}}{{#each shipTo.lines}}<br>{{this}}{{/each}}</p>{{/if}}';
const receiptText = '{{#if total}}Total: {{total}}\n{{/if}}{{#if shipTo}}\nShipping to:\n{{shipTo.name}}\n{{#each shipTo.lines}}{{this}}\n{{/each}}{{/if}}';
/** Every customer message ends with a link to the order's page on the storefront, when one is configured. */
const orderLinkHtml = '{{#if orderUrl}}<p><a href="{{orderUrl}}">See your order</a></p>{{/if}}';
const orderLinkText = '{{#if orderUrl}}\nSee your order: {{orderUrl}}\n{{/if}}';
const packageHtml = '<p>Tracking {{#if package.trackingUrl}}<a href="{{package.trackingUrl}}">{{package.trackingNumber}}</a>{{else}}{{package.trackingNumber}}{{/if}}:</p><ul>{{#each package.items}}<li>{{quantity}} × {{name}}</li>{{/each}}</ul>';
const packageText = 'Tracking {{package.trackingNumber}}{{#if package.trackingUrl}}: {{package.trackingUrl}}{{/if}}\n{{#each package.items}}- {{quantity}} x {{name}}\n{{/each}}';
const deliveryHtml = '{{#if estimatedDeliveryDate}} and arrive by <b>{{date estimatedDeliveryDate}}</b>{{/if}}';
const deliveryText = '{{#if estimatedDeliveryDate}} and arrive by {{date estimatedDeliveryDate}}{{/if}}';

/** A return's number and items, in every return message. */
const returnItemsHtml = `<p>Return <b>{{customerReturn.rmaId}}</b>:</p>${itemsHtml}`;
const returnItemsText = `Return {{customerReturn.rmaId}}:\n${itemsText}`;

const sources: Record<Milestone, MessageSources> = {
  RETURN_APPROVED: {
    subject: 'Your return for order {{storefrontOrderId}} is approved',
    html:
      `<p>Hi {{customerName}},</p><p>Your return for order <b>{{storefrontOrderId}}</b> is approved.</p>${returnItemsHtml}` +
      '{{#if customerReturn.returnless}}<p>There is nothing to send back: keep what you received.</p>{{else}}' +
      '{{#if customerReturn.returnAddress}}<p>Please send the parcel to:<br><b>{{customerReturn.returnAddress}}</b></p>{{/if}}' +
      '{{#if customerReturn.label}}<p>Use the prepaid {{customerReturn.label.carrier}} label, tracking {{#if customerReturn.label.trackingUrl}}<a href="{{customerReturn.label.trackingUrl}}">{{customerReturn.label.trackingNumber}}</a>{{else}}{{customerReturn.label.trackingNumber}}{{/if}}.</p>{{/if}}' +
      '<p>Write the return number <b>{{customerReturn.rmaId}}</b> on the parcel. We will write when it arrives.</p>{{/if}}',
    text:
      `Hi {{customerName}},\n\nYour return for order {{storefrontOrderId}} is approved.\n\n${returnItemsText}\n` +
      '{{#if customerReturn.returnless}}There is nothing to send back: keep what you received.\n{{else}}' +
      '{{#if customerReturn.returnAddress}}Please send the parcel to:\n{{customerReturn.returnAddress}}\n\n{{/if}}' +
      '{{#if customerReturn.label}}Use the prepaid {{customerReturn.label.carrier}} label, tracking {{customerReturn.label.trackingNumber}}{{#if customerReturn.label.trackingUrl}}: {{customerReturn.label.trackingUrl}}{{/if}}\n\n{{/if}}' +
      'Write the return number {{customerReturn.rmaId}} on the parcel. We will write when it arrives.\n{{/if}}',
    sms: 'Order {{storefrontOrderId}}: return {{customerReturn.rmaId}} approved.{{#if customerReturn.returnless}} Keep the item: nothing to send back.{{else}}{{#if customerReturn.label.trackingUrl}} Label: {{customerReturn.label.trackingUrl}}{{/if}} Details by email.{{/if}}',
  },
  RETURN_REJECTED: {
    subject: 'Your return for order {{storefrontOrderId}} was not accepted',
    html: `<p>Hi {{customerName}},</p><p>The supplier did not accept your return for order <b>{{storefrontOrderId}}</b>{{#if customerReturn.rejection}}: "{{customerReturn.rejection}}"{{/if}}.</p>${returnItemsHtml}<p>Please do not send these items back. Reply to this email if you think this is wrong.</p>`,
    text: `Hi {{customerName}},\n\nThe supplier did not accept your return for order {{storefrontOrderId}}{{#if customerReturn.rejection}}: "{{customerReturn.rejection}}"{{/if}}.\n\n${returnItemsText}\nPlease do not send these items back. Reply to this email if you think this is wrong.\n`,
    sms: 'Order {{storefrontOrderId}}: return {{customerReturn.rmaId}} was not accepted{{#if customerReturn.rejection}}: {{customerReturn.rejection}}{{/if}}. Details by email.',
  },
  RETURN_RECEIVED: {
    subject: 'We received your return for order {{storefrontOrderId}}',
    html: `<p>Hi {{customerName}},</p><p>Your return for order <b>{{storefrontOrderId}}</b> has arrived.</p>${returnItemsHtml}`,
    text: `Hi {{customerName}},\n\nYour return for order {{storefrontOrderId}} has arrived.\n\n${returnItemsText}`,
    sms: 'Order {{storefrontOrderId}}: return {{customerReturn.rmaId}} received.',
  },
  REFUND_DUE: {
    subject: 'Your refund for order {{storefrontOrderId}}',
    html: `<p>Hi {{customerName}},</p><p>A refund of <b>{{customerReturn.refund}}</b> for your return <b>{{customerReturn.rmaId}}</b> (order {{storefrontOrderId}}) is on its way to your original payment method.</p>${itemsHtml}`,
    text: `Hi {{customerName}},\n\nA refund of {{customerReturn.refund}} for your return {{customerReturn.rmaId}} (order {{storefrontOrderId}}) is on its way to your original payment method.\n\n${itemsText}`,
    sms: 'Order {{storefrontOrderId}}: return {{customerReturn.rmaId}}, refund of {{customerReturn.refund}} on its way.',
  },
  ORDER_RECEIVED: {
    subject: 'We have your order {{storefrontOrderId}}',
    html: `<p>Hi {{customerName}},</p><p>Thank you for your order <b>{{storefrontOrderId}}</b>{{#if retailerName}} at {{retailerName}}{{/if}}.{{#if estimatedShipDate}} We expect it to ship by <b>{{date estimatedShipDate}}</b>${deliveryHtml}.{{else}} We will write when it ships.{{/if}}</p>${itemsHtml}${receiptHtml}`,
    text: `Hi {{customerName}},\n\nThank you for your order {{storefrontOrderId}}{{#if retailerName}} at {{retailerName}}{{/if}}.{{#if estimatedShipDate}} We expect it to ship by {{date estimatedShipDate}}${deliveryText}.{{else}} We will write when it ships.{{/if}}\n\n${itemsText}${receiptText}`,
    sms: 'Order {{storefrontOrderId}} received.{{#if estimatedShipDate}} Expected to ship by {{date estimatedShipDate}}.{{/if}}',
  },
  ACKNOWLEDGED: {
    subject: 'Your order {{storefrontOrderId}} is being prepared',
    html: `<p>Hi {{customerName}},</p><p>Our supplier has confirmed part of your order <b>{{storefrontOrderId}}</b>{{#if estimatedShipDate}}: it should ship by <b>{{date estimatedShipDate}}</b>${deliveryHtml}{{/if}}.</p>{{#if items.length}}<p>Some items are on backorder:</p>${itemsHtml}{{/if}}`,
    text: `Hi {{customerName}},\n\nOur supplier has confirmed part of your order {{storefrontOrderId}}{{#if estimatedShipDate}}: it should ship by {{date estimatedShipDate}}${deliveryText}{{/if}}.\n{{#if items.length}}\nSome items are on backorder:\n${itemsText}{{/if}}`,
    sms: 'Order {{storefrontOrderId}} confirmed by our supplier.{{#if estimatedShipDate}} Ships by {{date estimatedShipDate}}.{{/if}}',
  },
  SHIPPED: {
    subject: 'Your order {{storefrontOrderId}} has shipped',
    html:
      '<p>Hi {{customerName}},</p><p>A shipment from your order <b>{{storefrontOrderId}}</b> left on {{date shipment.shipDate}} with {{shipment.carrier}} ({{shipment.service}}){{#if estimatedDeliveryDate}} and should arrive by <b>{{date estimatedDeliveryDate}}</b>{{/if}}.</p>' +
      '{{#each shipment.packages}}<p>Package {{add @index 1}} of {{../shipment.packages.length}}, tracking {{#if trackingUrl}}<a href="{{trackingUrl}}">{{trackingNumber}}</a>{{else}}{{trackingNumber}}{{/if}}:</p><ul>{{#each items}}<li>{{quantity}} × {{name}}</li>{{/each}}</ul>{{/each}}',
    text:
      'Hi {{customerName}},\n\nA shipment from your order {{storefrontOrderId}} left on {{date shipment.shipDate}} with {{shipment.carrier}} ({{shipment.service}}){{#if estimatedDeliveryDate}} and should arrive by {{date estimatedDeliveryDate}}{{/if}}.\n' +
      '{{#each shipment.packages}}\nPackage {{add @index 1}} of {{../shipment.packages.length}}, tracking {{trackingNumber}}{{#if trackingUrl}}: {{trackingUrl}}{{/if}}\n{{#each items}}- {{quantity}} x {{name}}\n{{/each}}{{/each}}',
    sms: 'Order {{storefrontOrderId}} shipped with {{shipment.carrier}}. Track: {{#each shipment.packages}}{{#if trackingUrl}}{{trackingUrl}}{{else}}{{trackingNumber}}{{/if}} {{/each}}',
  },
  VENDOR_NEW_PO: {
    subject: 'New purchase order {{poNumber}}',
    html: `<p>Hello {{vendorName}},</p><p>A new purchase order <b>{{poNumber}}</b> is waiting for you{{#if ackDueAt}}: please acknowledge it by <b>{{dateTime ackDueAt}}</b>{{/if}}.</p>${itemsHtml}<p><a href="{{poUrl}}">Open it in the vendor portal</a> to accept, backorder or reject each line and to ship it.</p>`,
    text: `Hello {{vendorName}},\n\nA new purchase order {{poNumber}} is waiting for you{{#if ackDueAt}}: please acknowledge it by {{dateTime ackDueAt}}{{/if}}.\n\n${itemsText}\nOpen it in the vendor portal: {{poUrl}}\n`,
    sms: 'New PO {{poNumber}}: {{poUrl}}',
  },
  VENDOR_REMINDER: {
    subject: 'Reminder: purchase order {{poNumber}} waits for your acknowledgment',
    html: '<p>Hello {{vendorName}},</p><p>Purchase order <b>{{poNumber}}</b> has not been acknowledged yet{{#if ackDueAt}}; it is due by <b>{{dateTime ackDueAt}}</b>{{/if}}.</p><p><a href="{{poUrl}}">Acknowledge it in the vendor portal</a>.</p>',
    text: 'Hello {{vendorName}},\n\nPurchase order {{poNumber}} has not been acknowledged yet{{#if ackDueAt}}; it is due by {{dateTime ackDueAt}}{{/if}}.\n\nAcknowledge it in the vendor portal: {{poUrl}}\n',
    sms: 'PO {{poNumber}} waits for your acknowledgment: {{poUrl}}',
  },
  VENDOR_CANCELLATION: {
    subject: 'Cancellation request for purchase order {{poNumber}}',
    html: `<p>Hello {{vendorName}},</p><p>The retailer cancelled these lines of purchase order <b>{{poNumber}}</b>; please do not ship them:</p>${itemsHtml}<p><a href="{{poUrl}}">See the PO in the vendor portal</a>.</p>`,
    text: `Hello {{vendorName}},\n\nThe retailer cancelled these lines of purchase order {{poNumber}}; please do not ship them:\n${itemsText}\nSee the PO in the vendor portal: {{poUrl}}\n`,
    sms: 'PO {{poNumber}}: lines cancelled, do not ship them. {{poUrl}}',
  },
  OUT_FOR_DELIVERY: {
    subject: 'Your order {{storefrontOrderId}} is out for delivery',
    html: `<p>Hi {{customerName}},</p><p>A package from your order <b>{{storefrontOrderId}}</b> is out for delivery with {{package.carrier}} today.</p>${packageHtml}`,
    text: `Hi {{customerName}},\n\nA package from your order {{storefrontOrderId}} is out for delivery with {{package.carrier}} today.\n\n${packageText}`,
    sms: 'Order {{storefrontOrderId}}: a package is out for delivery today.{{#if package.trackingUrl}} {{package.trackingUrl}}{{/if}}',
  },
  DELIVERED: {
    subject: 'Your order {{storefrontOrderId}}: a package was delivered',
    html: `<p>Hi {{customerName}},</p><p>A package from your order <b>{{storefrontOrderId}}</b> was delivered{{#if package.location}} ({{package.location}}){{/if}}.</p>${packageHtml}`,
    text: `Hi {{customerName}},\n\nA package from your order {{storefrontOrderId}} was delivered{{#if package.location}} ({{package.location}}){{/if}}.\n\n${packageText}`,
    sms: 'Order {{storefrontOrderId}}: a package was delivered.{{#if package.location}} {{package.location}}.{{/if}}',
  },
  DELIVERY_EXCEPTION: {
    subject: 'A problem delivering your order {{storefrontOrderId}}',
    html: `<p>Hi {{customerName}},</p><p>{{package.carrier}} reports a problem with a package from your order <b>{{storefrontOrderId}}</b>{{#if package.description}}: "{{package.description}}"{{/if}}. We are watching it and will write when it moves again.</p>${packageHtml}`,
    text: `Hi {{customerName}},\n\n{{package.carrier}} reports a problem with a package from your order {{storefrontOrderId}}{{#if package.description}}: "{{package.description}}"{{/if}}. We are watching it and will write when it moves again.\n\n${packageText}`,
    sms: 'Order {{storefrontOrderId}}: delivery problem{{#if package.description}} ({{package.description}}){{/if}}. We are on it.',
  },
  DELAYED: {
    subject: 'Your order {{storefrontOrderId}} is running late',
    html: '<p>Hi {{customerName}},</p><p>Part of your order <b>{{storefrontOrderId}}</b> is taking longer than promised. {{#if estimatedShipDate}}It is now expected to ship by <b>{{date estimatedShipDate}}</b>{{#if estimatedDeliveryDate}} and arrive by <b>{{date estimatedDeliveryDate}}</b>{{/if}}.{{else}}{{#if estimatedDeliveryDate}}It should now arrive by <b>{{date estimatedDeliveryDate}}</b>; we will write as soon as it ships.{{else}}We are on it and will write as soon as it ships.{{/if}}{{/if}}</p><p>We are sorry for the wait.</p>',
    text: 'Hi {{customerName}},\n\nPart of your order {{storefrontOrderId}} is taking longer than promised. {{#if estimatedShipDate}}It is now expected to ship by {{date estimatedShipDate}}{{#if estimatedDeliveryDate}} and arrive by {{date estimatedDeliveryDate}}{{/if}}.{{else}}{{#if estimatedDeliveryDate}}It should now arrive by {{date estimatedDeliveryDate}}; we will write as soon as it ships.{{else}}We are on it and will write as soon as it ships.{{/if}}{{/if}}\n\nWe are sorry for the wait.\n',
    sms: 'Order {{storefrontOrderId}} is running late.{{#if estimatedDeliveryDate}} New delivery date: {{date estimatedDeliveryDate}}.{{else}}{{#if estimatedShipDate}} New ship date: {{date estimatedShipDate}}.{{else}} We will text you when it ships.{{/if}}{{/if}}',
  },
  CANCELLED: {
    subject: 'Items in your order {{storefrontOrderId}} were cancelled',
    html: `<p>Hi {{customerName}},</p><p>These items from your order <b>{{storefrontOrderId}}</b> were cancelled and will not arrive:</p>${itemsHtml}<p>You will not be charged for them.</p>`,
    text: `Hi {{customerName}},\n\nThese items from your order {{storefrontOrderId}} were cancelled and will not arrive:\n${itemsText}\nYou will not be charged for them.\n`,
    sms: 'Order {{storefrontOrderId}}: {{items.length}} item(s) cancelled and will not arrive. Details by email.',
  },
  LINE_REJECTED: {
    subject: 'Some items in your order {{storefrontOrderId}} are unavailable',
    html: `<p>Hi {{customerName}},</p><p>Our supplier cannot provide these items from your order <b>{{storefrontOrderId}}</b>, so they will not arrive:</p>${itemsHtml}<p>You will not be charged for them.</p>`,
    text: `Hi {{customerName}},\n\nOur supplier cannot provide these items from your order {{storefrontOrderId}}, so they will not arrive:\n${itemsText}\nYou will not be charged for them.\n`,
    sms: 'Order {{storefrontOrderId}}: {{items.length}} item(s) unavailable and will not arrive. Details by email.',
  },
  LINE_REROUTED: {
    subject: 'An item in your order {{storefrontOrderId}} comes from another supplier',
    html: `<p>Hi {{customerName}},</p><p>Our first supplier could not provide these items from your order <b>{{storefrontOrderId}}</b>, so we have ordered them from another supplier:</p>${itemsHtml}<p>{{#if estimatedShipDate}}They should now ship by <b>{{date estimatedShipDate}}</b>${deliveryHtml}. {{/if}}Nothing else changes for you: we will write when they ship.</p>`,
    text: `Hi {{customerName}},\n\nOur first supplier could not provide these items from your order {{storefrontOrderId}}, so we have ordered them from another supplier:\n${itemsText}\n{{#if estimatedShipDate}}They should now ship by {{date estimatedShipDate}}${deliveryText}. {{/if}}Nothing else changes for you: we will write when they ship.\n`,
    sms: 'Order {{storefrontOrderId}}: {{items.length}} item(s) now come from another supplier.{{#if estimatedShipDate}} Ships by {{date estimatedShipDate}}.{{/if}}',
  },
};

const layout = (body: string) =>
  '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>' +
  '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2933;max-width:560px;margin:0 auto;padding:24px;line-height:1.5">' +
  '{{#if retailerName}}<p style="font-size:18px;font-weight:600;margin:0 0 16px">{{#if logoUrl}}<img src="{{logoUrl}}" alt="{{retailerName}}" height="32">{{else}}{{retailerName}}{{/if}}</p>{{/if}}' +
  `${body}${orderLinkHtml}<hr style="border:none;border-top:1px solid #e4e7eb;margin-top:32px"><p style="color:#7b8794;font-size:12px">{{#if vendorName}}Purchase order {{poNumber}}.{{else}}Order {{storefrontOrderId}}.{{/if}} Reply to this email if anything is wrong.</p></body></html>`;

const engine = Handlebars.create();
/** `YYYY-MM-DD` as the customer reads it: "Tuesday, December 1, 2026" (the date, not a zoned instant). */
engine.registerHelper('date', (value: unknown) => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
});
engine.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
/** An instant as a vendor reads a deadline: "Tue, Dec 1, 2026, 3:00 PM UTC". */
engine.registerHelper('dateTime', (value: unknown) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value))
    ? `${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value))} UTC`
    : value,
);

type Compiled = Record<keyof MessageSources, HandlebarsTemplateDelegate>;
const compiled = Object.fromEntries(
  Object.entries(sources).map(([milestone, s]) => [
    milestone,
    {
      subject: engine.compile(s.subject, { noEscape: true }),
      html: engine.compile(layout(s.html)),
      text: engine.compile(s.text + orderLinkText, { noEscape: true }),
      sms: engine.compile(s.sms, { noEscape: true }),
    },
  ]),
) as Record<Milestone, Compiled>;

/** Two concatenated SMS segments of GSM-7 text: links come early so they survive the cut. */
export const maxSmsLength = 306;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function renderEmail(milestone: Milestone, data: MessageData): RenderedEmail {
  const t = compiled[milestone];
  return { subject: t.subject(data).replace(/\s+/g, ' ').trim(), html: t.html(data), text: t.text(data) };
}

export function renderSms(milestone: Milestone, data: MessageData): string {
  return compiled[milestone].sms(data).replace(/\s+/g, ' ').trim().slice(0, maxSmsLength);
}

const signIn = {
  subject: engine.compile('Your sign-in link to the vendor portal', { noEscape: true }),
  html: engine.compile(layout('<p>Hello {{vendorName}},</p><p><a href="{{link}}">Sign in to the vendor portal</a>. The link works once, for {{minutes}} minutes; if you did not ask for it, ignore this email.</p>')),
  text: engine.compile('Hello {{vendorName}},\n\nSign in to the vendor portal: {{link}}\n\nThe link works once, for {{minutes}} minutes; if you did not ask for it, ignore this email.\n', { noEscape: true }),
};

/** The vendor portal's sign-in email: the one-time link. */
export function renderSignInEmail(data: { vendorName: string; link: string; minutes: number }): RenderedEmail {
  return { subject: signIn.subject(data), html: signIn.html({ ...data, poNumber: '' }), text: signIn.text(data) };
}

const remittance = {
  subject: engine.compile('Payment {{reference}}: {{amount}}', { noEscape: true }),
  html: engine.compile(
    layout(
      '<p>Hello {{vendorName}},</p><p>We paid you <b>{{amount}}</b> on {{date paymentDate}} (reference {{reference}}) for {{from}} to {{to}}.</p>' +
        '<table style="border-collapse:collapse;width:100%">{{#each invoices}}<tr><td>Invoice {{invoiceNumber}} (PO {{poNumber}})</td><td style="text-align:right">{{amount}}</td></tr>{{/each}}' +
        '{{#each deductions}}<tr><td>Less: {{description}}{{#if poNumbers}} ({{poNumbers}}){{/if}}</td><td style="text-align:right">−{{amount}}</td></tr>{{/each}}' +
        '<tr><td><b>Paid</b></td><td style="text-align:right"><b>{{amount}}</b></td></tr></table>' +
        '{{#if carryForward}}<p>{{carryForward}} of charges is carried to your next payment.</p>{{/if}}<p><a href="{{portalUrl}}">See it in the vendor portal</a>.</p>',
    ),
  ),
  text: engine.compile(
    'Hello {{vendorName}},\n\nWe paid you {{amount}} on {{date paymentDate}} (reference {{reference}}) for {{from}} to {{to}}.\n\n' +
      '{{#each invoices}}Invoice {{invoiceNumber}} (PO {{poNumber}}): {{amount}}\n{{/each}}{{#each deductions}}Less {{description}}{{#if poNumbers}} ({{poNumbers}}){{/if}}: -{{amount}}\n{{/each}}' +
      '{{#if carryForward}}\n{{carryForward}} of charges is carried to your next payment.\n{{/if}}\nSee it in the vendor portal: {{portalUrl}}\n',
    { noEscape: true },
  ),
};

/** A payment's notice to a portal vendor: what each invoice brought and each deduction took. Amounts come formatted. */
export function renderRemittanceEmail(data: {
  vendorName: string;
  reference: string;
  amount: string;
  paymentDate: string;
  from: string;
  to: string;
  invoices: { invoiceNumber: string; poNumber: string; amount: string }[];
  deductions: { description: string; poNumbers: string; amount: string }[];
  carryForward?: string;
  portalUrl: string;
}): RenderedEmail {
  return { subject: remittance.subject(data), html: remittance.html({ ...data, poNumber: data.reference }), text: remittance.text(data) };
}

const returnRequest = {
  subject: engine.compile('Return {{rmaId}} for purchase order {{poNumber}}: please answer by {{dateTime answerDueAt}}', { noEscape: true }),
  html: engine.compile(
    layout(
      '<p>Hello {{vendorName}},</p><p>A customer asks to return these items of purchase order <b>{{poNumber}}</b> ({{reason}}{{#if comment}}: "{{comment}}"{{/if}}):</p>' +
        '<ul>{{#each lines}}<li>{{quantity}} × {{vendorSku}}</li>{{/each}}</ul>' +
        '<p>Please approve it (your RMA number, where to send it, a prepaid label) or reject it with the reason by <b>{{dateTime answerDueAt}}</b>.</p><p><a href="{{portalUrl}}">Answer it in the vendor portal</a>.</p>',
    ),
  ),
  text: engine.compile(
    'Hello {{vendorName}},\n\nA customer asks to return these items of purchase order {{poNumber}} ({{reason}}{{#if comment}}: "{{comment}}"{{/if}}):\n' +
      '{{#each lines}}- {{quantity}} x {{vendorSku}}\n{{/each}}\nPlease approve it (your RMA number, where to send it, a prepaid label) or reject it with the reason by {{dateTime answerDueAt}}.\n\nAnswer it in the vendor portal: {{portalUrl}}\n',
    { noEscape: true },
  ),
};

/** A customer's return, to a portal vendor: the items, the reason, the deadline and the link to answer it. */
export function renderReturnRequestEmail(data: {
  vendorName: string;
  rmaId: string;
  poNumber: string;
  reason: string;
  comment?: string;
  lines: { quantity: number; vendorSku: string }[];
  answerDueAt?: string;
  portalUrl: string;
}): RenderedEmail {
  return { subject: returnRequest.subject(data), html: returnRequest.html(data), text: returnRequest.text(data) };
}
