import type { DayCounters, DayViolations } from './vendor-analytics';

/**
 * Compliance charges ("chargebacks"): what a vendor owes for the ways it made the retailer's
 * customers wait, counted from the same day items as its scorecard. Each rule is an amount per
 * violation beyond an allowance, a share of the POs the vendor was sent in the period.
 */
export const complianceRuleTypes = ['LATE_SHIPMENT', 'VENDOR_CANCELLATION', 'INVALID_ASN', 'NO_CARRIER_SCAN'] as const;
export type ComplianceRuleType = (typeof complianceRuleTypes)[number];

export interface ComplianceRule {
  /** Per violation, in minor units of the rules' currency. */
  amount: number;
  /** The share of the period's POs that goes free: 0.01 = violations up to 1 % of POs sent are not charged. */
  allowance: number;
  /** INVALID_ASN: a ship notice later than this many hours after the end of its ship date is a violation. */
  lateAfterHours?: number;
}

export interface ComplianceRules {
  currency: string;
  rules: Partial<Record<ComplianceRuleType, ComplianceRule>>;
  updatedAt?: string;
  updatedBy?: string;
}

/** Until ops set their own: what marketplaces commonly charge. */
export const defaultComplianceRules: ComplianceRules = {
  currency: 'USD',
  rules: {
    LATE_SHIPMENT: { amount: 500, allowance: 0.01 },
    VENDOR_CANCELLATION: { amount: 300, allowance: 0.02 },
    INVALID_ASN: { amount: 1000, allowance: 0.02, lateAfterHours: 24 },
    NO_CARRIER_SCAN: { amount: 200, allowance: 0.02 },
  },
};

export const ruleMeaning: Record<ComplianceRuleType, string> = {
  LATE_SHIPMENT: 'per PO dispatched after its ship-by time',
  VENDOR_CANCELLATION: 'per line the vendor rejected or let auto-cancel',
  INVALID_ASN: 'per ship notice whose tracking was refused, or sent too long after the ship date',
  NO_CARRIER_SCAN: 'per PO with a package the carrier did not scan within its window',
};

export interface Charge {
  rule: ComplianceRuleType;
  /** How many violations in the period, how many the allowance covers, and how many are charged. */
  violations: number;
  allowed: number;
  charged: number;
  unitAmount: number;
  amount: number;
  /** The POs behind the violations, each once. */
  poNumbers: string[];
}

export interface VendorCharges {
  vendorId: string;
  period: { from: string; to: string };
  currency: string;
  posSent: number;
  charges: Charge[];
  total: number;
  /** The period includes seeded demo history. */
  demoData: boolean;
}

interface Day {
  counters: DayCounters;
  violations: DayViolations;
}

const poOf = (item: string) => item.split('#')[0] ?? item;

/** The violations of each rule in the days given: the items behind each, so a charge can list its POs. */
function violationsOf(days: readonly Day[], rule: ComplianceRuleType, settings: ComplianceRule): string[] {
  const all = (type: keyof DayViolations) => days.flatMap((d) => d.violations[type] ?? []);
  if (rule !== 'INVALID_ASN') return all(rule);
  // A refused tracking number, or a notice later than the rule allows after the end of its ship date.
  const limit = settings.lateAfterHours ?? 24;
  return [...all('TRACKING_REFUSED'), ...all('ASN_LATE').filter((item) => Number(item.split('#').at(-1)) > limit)];
}

/**
 * A vendor's charges for a period from its day items (O(days), read in one Query). Violations up to
 * `floor(allowance × POs sent)` are free; each one beyond costs the rule's amount.
 */
export function vendorCharges(vendorId: string, period: { from: string; to: string }, days: readonly Day[], rules: ComplianceRules): VendorCharges {
  const posSent = days.reduce((total, d) => total + (d.counters.sent ?? 0), 0);
  const charges = complianceRuleTypes.flatMap((rule): Charge[] => {
    const settings = rules.rules[rule];
    if (!settings) return [];
    const items = violationsOf(days, rule, settings);
    const allowed = Math.floor(settings.allowance * posSent + 1e-9);
    const charged = Math.max(0, items.length - allowed);
    return [{ rule, violations: items.length, allowed, charged, unitAmount: settings.amount, amount: charged * settings.amount, poNumbers: [...new Set(items.map(poOf))].sort() }];
  });
  const demoData = days.some((d) => (d.counters.demoHistory ?? 0) > 0);
  return { vendorId, period, currency: rules.currency, posSent, charges, total: charges.reduce((total, c) => total + c.amount, 0), demoData };
}

/** One row per vendor and rule, for the CSV export: what a finance team pastes into its ledger. */
export function chargeRows(all: readonly VendorCharges[]): Record<string, string | number>[] {
  return all.flatMap((v) =>
    v.charges.map((c) => ({
      vendorId: v.vendorId,
      from: v.period.from,
      to: v.period.to,
      rule: c.rule,
      posSent: v.posSent,
      violations: c.violations,
      allowed: c.allowed,
      charged: c.charged,
      unitAmount: c.unitAmount,
      amount: c.amount,
      currency: v.currency,
      poNumbers: c.poNumbers.join(' '),
    })),
  );
}
