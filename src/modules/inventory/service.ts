// The inventory module's door: the only file other modules import. The stock core (receiveStock,
// issueStock, reverseStock, reserve, releaseReservations, availability) lives in stock.ts and is
// re-exported here; raisePurchaseRequest is for the orders module (inside its transaction).
export * from './warehouses.ts';
export * from './stock-queries.ts';
export * from './documents.ts';
export * from './purchase.ts';
export { notifyStockAlerts } from './alerts-job.ts';
export { availability, issueStock, receiveStock, releaseReservations, reserve, reverseStock } from './stock.ts';
export type { Availability, DocRef, IssueLine, Issued, ReceiveLine, Reserved, ReserveLine } from './stock.ts';
