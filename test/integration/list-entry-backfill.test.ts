import { beforeAll, describe, expect, it } from 'vitest';
import { markTransmitted } from '../../functions/domain/purchase-order-lifecycle';
import { backfillListEntries } from '../../functions/store/list-entry-backfill';
import { purchaseOrderKeys } from '../../functions/store/keys';
import { purchaseOrderItems, purchaseOrderToItem } from '../../functions/store/order-store';
import { changePurchaseOrder, listPurchaseOrderSummaries } from '../../functions/store/purchase-order-store';
import type { Table } from '../../functions/store/table';
import { writeAll } from '../../functions/store/batch-write';
import { aPurchaseOrder, aVendor } from '../support/builders';
import { createTestTable } from '../support/test-table';

let table: Table;
const sent = (poNumber: string) => markTransmitted(aPurchaseOrder({ poNumber, vendorId: 'acme', lineCount: 1 }), [1], { by: 'workflow', at: new Date() }, aVendor().sla);
const listed = async () => (await listPurchaseOrderSummaries(table, { status: 'SENT_TO_VENDOR' }, { limit: 50 })).items.map((s) => s.poNumber).sort();

beforeAll(async () => {
  table = await createTestTable();
  const legacy = sent('PO-LEGACY1');
  // As an earlier version wrote it: the list index keys on the PO item itself, no summary beside it.
  await writeAll(table, [{ ...purchaseOrderToItem(legacy), ...purchaseOrderKeys.listKeys(legacy) }, ...purchaseOrderItems(sent('PO-CURRENT1'))]);
});

describe('giving POs written before summary items their list entries', () => {
  it('moves each legacy PO onto a summary once, so a later change that moves no listed field keeps it listed', async () => {
    expect(await listed()).toEqual(['PO-CURRENT1', 'PO-LEGACY1']);
    expect(await backfillListEntries(table)).toEqual({ moved: 1 });
    expect(await listed()).toEqual(['PO-CURRENT1', 'PO-LEGACY1']);

    // Parking a task token moves nothing a list shows: before the backfill this dropped the PO from every list.
    await changePurchaseOrder(table, 'PO-LEGACY1', (po) => ({ next: { ...po, taskToken: 'token', version: po.version + 1 }, response: null }));
    expect(await listed()).toEqual(['PO-CURRENT1', 'PO-LEGACY1']);
    expect(await backfillListEntries(table)).toEqual({ moved: 0 });
  });
});
