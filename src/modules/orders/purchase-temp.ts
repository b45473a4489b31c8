// TEMPORARY (orders): raises a purchase request for an order's shortfall directly until the inventory
// module commits raisePurchaseRequest in src/modules/inventory/service.ts. Replace and delete then.
import type { Tx } from '../../db/database.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { isoNow } from '../../platform/time.ts';

export async function raisePurchaseRequest(
  tx: Tx,
  companyId: number,
  req: { productId: number; warehouseId: number; quantity: number; sourceType: string; sourceId: number; reason: string; userId: number; businessDate: string },
): Promise<{ id: number; number: string }> {
  const number = await nextNumber(tx, companyId, 'purchase_request', req.businessDate);
  const now = isoNow();
  const row = await tx
    .insertInto('purchaseRequests')
    .values({ companyId, number, status: 'open', productId: req.productId, warehouseId: req.warehouseId, quantity: req.quantity, sourceType: req.sourceType, sourceId: req.sourceId, reason: req.reason, createdBy: req.userId, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}
