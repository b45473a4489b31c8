import type { Executor } from '../../db/database.ts';
import type { FieldError } from '../../platform/errors/app-error.ts';
import { lineAmounts, sumLines } from '../../platform/money.ts';
import type { RequestContext } from '../../platform/permissions/context.ts';
import { businessDate } from '../../platform/time.ts';
import type { CompanySettings } from '../admin/schema.ts';
import { orderConcession } from './concession.ts';
import { orderError } from './errors.ts';
import { productsForOrder } from '../products/service.ts';
import { checkHoldForOrder } from '../holds/service.ts';
import * as repo from './repo.ts';
import type { OrderCreateBody } from './schema.ts';

type EntryBody = Omit<OrderCreateBody, 'submit' | 'creditOverrideReason' | 'holdId'> & { holdId?: number | null };

/**
 * Checks an order as entered and works out everything it defaults to and its amounts:
 * customer (in scope) → contact, phone, address and rep from the file unless given; warehouse;
 * rep (an active member inside the user's scope); type rules (地州 carrier and phone, 商超
 * tax-inclusive, barcodes, booked in the company set for supermarket sales); products (active, of
 * this company), prices from the price list unless given, tax rate from the product, line amounts
 * by the one rule (platform/money.ts lineAmounts) and totals as their sums.
 */
export async function prepareOrder(db: Executor, ctx: RequestContext, body: EntryBody, settings: CompanySettings, orderId?: number) {
  const supermarket = body.orderType === 'supermarket';
  const smCompany = settings.orders.supermarketCompanyId;
  if (supermarket && smCompany && smCompany !== ctx.companyId) {
    throw orderError('ORDER_SUPERMARKET_COMPANY', { company: await repo.companyName(db, smCompany) }, [{ path: 'orderType', message: '商超订单不在本账套录入' }]);
  }
  if (supermarket && body.priceIncludesTax === false) throw orderError('ORDER_SUPERMARKET_TAX', {}, [{ path: 'priceIncludesTax', message: '商超订单必须按含税价开单' }]);
  if (body.orderType === 'regional' && (!body.carrierName || !body.carrierPhone)) {
    const fields: FieldError[] = [];
    if (!body.carrierName) fields.push({ path: 'carrierName', message: '地州订单必须填写托运部' });
    if (!body.carrierPhone) fields.push({ path: 'carrierPhone', message: '地州订单必须填写托运部电话' });
    throw orderError('ORDER_CARRIER_REQUIRED', {}, fields);
  }
  const customer = await repo.customerForOrder(db, ctx, body.customerId, body.warehouseId);
  if (!customer) throw orderError('ORDER_CUSTOMER_NOT_FOUND', {}, [{ path: 'customerId', message: '客户不存在或不在您的管理范围内' }]);
  if (customer.warehouseName == null) throw orderError('ORDER_WAREHOUSE_INVALID', {}, [{ path: 'warehouseId', message: '仓库不存在或已停用' }]);
  const warehouse = { id: body.warehouseId, name: customer.warehouseName };
  const credit: repo.CreditProfile | null = customer.creditCustomerId != null ? { creditLimit: Number(customer.creditLimit), paymentTerms: customer.paymentTerms! } : null;
  const ownerId = body.ownerId ?? customer.ownerId ?? ctx.userId;
  let ownerName = ownerId === ctx.userId ? ctx.userName : null;
  if (ownerId !== ctx.userId) {
    // the customer's own rep came with the customer (in the user's scope with it); anyone else is read
    const m =
      ownerId === customer.ownerId
        ? customer.ownerMemberActive == null ? undefined : { displayName: customer.ownerName!, active: customer.ownerMemberActive, userActive: customer.ownerUserActive }
        : await repo.ownerCandidate(db, ctx, ownerId);
    const reason = !m ? '该用户不是本账套成员或不在您的管理范围内' : m.active !== 1 || m.userActive !== 1 ? '该用户已停用' : null;
    if (reason) throw orderError('ORDER_OWNER_INVALID', { reason }, [{ path: 'ownerId', message: reason }]);
    ownerName = m!.displayName;
  }

  const { products, prices } = await productsForOrder(db, ctx.companyId, { orderType: body.orderType, customerClass: customer.classification }, body.lines.map((l) => l.productId));
  const priceIncludesTax = supermarket ? true : (body.priceIncludesTax ?? true);
  const lines = body.lines.map((l, i) => {
    const p = products.get(l.productId);
    if (!p || !p.active) throw orderError('ORDER_PRODUCT_INVALID', { line: i + 1 }, [{ path: `lines.${i}.productId`, message: '商品不存在或已停用' }]);
    if (supermarket) {
      if (!l.barcode) throw orderError('ORDER_BARCODE_REQUIRED', { line: i + 1 }, [{ path: `lines.${i}.barcode`, message: '请填写条码' }]);
      if (l.barcode !== p.barcode && l.barcode !== p.packBarcode) {
        const expected = [p.barcode, p.packBarcode].filter(Boolean).join(' / ') || '未登记';
        throw orderError('ORDER_BARCODE_MISMATCH', { line: i + 1, barcode: l.barcode, product: p.name, expected }, [{ path: `lines.${i}.barcode`, message: `条码与商品不符（应为 ${expected}）` }]);
      }
    }
    // the price list's price for this customer (else the product's list price): the line's default, and what 让价 is measured against
    const listPrice = prices.get(l.productId)?.unitPrice ?? p.listPrice;
    const unitPrice = l.unitPrice ?? listPrice;
    if (unitPrice == null) throw orderError('ORDER_NO_PRICE', { line: i + 1, product: p.name }, [{ path: `lines.${i}.unitPrice`, message: '请填写单价' }]);
    const amounts = lineAmounts({ quantity: l.quantity, unitPrice, discountBp: l.discountBp, taxRateBp: p.taxRateBp, priceIncludesTax });
    return {
      lineNo: i + 1, productId: p.id, productCode: p.code, productName: p.name, spec: p.spec, unit: p.unit, barcode: l.barcode ?? p.barcode,
      quantity: l.quantity, unitPrice, discountBp: l.discountBp, taxRateBp: p.taxRateBp, listPrice, ...amounts, remarks: l.remarks ?? null,
    };
  });
  const totals = sumLines(lines);
  // entered from a hold: for its customer, warehouse and product (holds/service.ts); null on the hot path
  const hold = body.holdId ? await checkHoldForOrder(db, ctx, body.holdId, { customerId: customer.id, warehouseId: warehouse.id, lines }, orderId) : null;
  // the hold's price is this customer's price for the held product: the special price a manager approved on it
  // (特别优惠价), else the list price of the day it was taken
  const holdPrice = hold ? (hold.agreedPrice ?? hold.listPrice) : null;
  if (hold && holdPrice != null) for (const l of lines) if (l.productId === hold.productId && l.listPrice > holdPrice) l.listPrice = holdPrice;
  const header = {
    orderType: body.orderType,
    paymentTerm: body.paymentTerm,
    customerId: customer.id,
    customerName: customer.name,
    contactName: body.contactName ?? customer.primaryContact ?? null,
    contactPhone: body.contactPhone ?? customer.primaryPhone ?? null,
    deliveryAddress: body.deliveryAddress ?? customer.defaultAddress ?? customer.address ?? null,
    ownerId,
    warehouseId: warehouse.id,
    priceIncludesTax: priceIncludesTax ? 1 : 0,
    businessDate: body.businessDate ?? businessDate(),
    deliveryDate: body.deliveryDate,
    deliveryMethod: body.deliveryMethod,
    carrierName: body.carrierName,
    carrierPhone: body.carrierPhone,
    remarks: body.remarks,
    backorder: body.backorder ? 1 : 0,
    totalQuantity: lines.reduce((s, l) => s + l.quantity, 0),
    amountExTax: totals.amountExTax,
    taxAmount: totals.taxAmount,
    totalAmount: totals.amount,
    priceConcession: orderConcession(lines),
    holdId: hold?.id ?? null,
  };
  // the packing of the products read above (1 箱 = 12 瓶), for the reply: shown beside a quantity, never stored
  const packs: repo.Packs = new Map();
  for (const p of products.values()) if (p.packUnit && p.packSize && p.packSize > 1) packs.set(p.id, { packUnit: p.packUnit, packSize: p.packSize });
  return { header, lines, ownerName, warehouseName: warehouse.name, credit, hold, packs };
}
export type PreparedOrder = Awaited<ReturnType<typeof prepareOrder>>;
