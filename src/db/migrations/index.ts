import type { Migration } from 'kysely';
import * as m0001 from './20261122T000000-create-platform.ts';
import * as m0002 from './20261122T010000-create-customers-leads.ts';
import * as m0500 from './20261122T050000-create-imports.ts';
import * as m0300 from './20261122T030000-index-ownership-requests.ts';
import * as m0020 from './20261122T020000-add-customer-search.ts';
import * as m0021 from './20261122T200100-add-customer-core-pinyin.ts';
import * as m0022 from './20261122T200200-index-customer-city.ts';
import * as m0023 from './20261122T213000-index-customer-list.ts';
import * as m0400 from './20261122T040000-index-leads.ts';
import * as m0024 from './20261122T221000-create-sales-stock.ts';
import * as m2320 from './20261122T232000-add-stock-document-codes.ts';
import * as m2359 from './20261122T235900-index-order-lists.ts';
import * as m2359s from './20261122T235950-index-slip-drivers.ts';
import * as m0010i from './20261123T001000-create-invoices.ts';
import * as m0020r from './20261123T002000-create-receipts.ts';
import * as m0030 from './20261123T003000-add-stock-period-moves.ts';
import * as m0100r from './20261123T010000-create-receivables.ts';
import * as m0110c from './20261123T011000-create-collections.ts';
import * as m0120g from './20261123T012000-add-invoice-orders.ts';
import * as m0121g from './20261123T012100-index-slips-customer-date.ts';
import * as m0130o from './20261123T013000-index-order-numbers.ts';
import * as m0140i from './20261123T014000-index-customer-search-owner.ts';
import * as m0141r from './20261123T014100-create-robot-webhooks.ts';
import * as m0150 from './20261123T015000-add-return-line-codes.ts';
import * as m0151 from './20261123T015100-add-warehouse-stock-limits.ts';
import * as m0210 from './20261123T021000-index-dunning-log.ts';
import * as m0400a from './20261123T040000-add-receivable-day-numbers.ts';
import * as m0500s from './20261123T050000-add-statement-snapshot.ts';
import * as m0900s from './20261123T090000-create-order-stages.ts';
import * as m1800o from './20261123T180000-index-order-owner-covering.ts';
import * as m2300h from './20261123T230000-create-holds.ts';
import * as m0100d from './20261124T010000-link-hold-deposit-receipts.ts';
import * as m0200p from './20261124T020000-add-hold-print-count.ts';
import * as m0300r from './20261124T030000-record-deposit-refunds.ts';
import * as m0700h from './20261124T070000-add-stock-document-handler.ts';
import * as m0710i from './20261124T071000-index-stock-document-dates.ts';
import * as m0730c from './20261124T073000-customer-core-without-county.ts';
import * as m0800n from './20261124T080000-index-notifications-entity.ts';
import * as m1130k from './20261124T113000-split-order-review-todo-kinds.ts';
import * as m1230p from './20261124T123000-add-order-price-concession.ts';
import * as m1240u from './20261124T124000-normalise-stored-unit-codes.ts';
import * as m1245i from './20261124T124500-index-stock-document-drafts.ts';
import * as m1250d from './20261124T125000-add-slip-delivery-mode.ts';
import * as m1300i from './20261124T130000-add-import-row-actions.ts';
import * as m1543n from './20261124T154300-index-stock-document-numbers.ts';
import * as m1545c from './20261124T154500-index-order-concessions.ts';
import * as m1545n from './20261124T154519-add-product-name-pinyin.ts';
import * as m1833t from './20261124T183300-add-slip-cash-tendered.ts';
import * as m0100x from './20261125T010000-drop-reservation-product-index.ts';

// Every migration, in order. Never edit one that has landed on main; add a new file instead.
export const migrations: Record<string, Migration> = {
  '20261122T000000-create-platform': m0001,
  '20261122T010000-create-customers-leads': m0002,
  '20261122T030000-index-ownership-requests': m0300,
  '20261122T020000-add-customer-search': m0020,
  '20261122T200100-add-customer-core-pinyin': m0021,
  '20261122T200200-index-customer-city': m0022,
  '20261122T213000-index-customer-list': m0023,
  '20261122T040000-index-leads': m0400,
  '20261122T050000-create-imports': m0500,
  '20261122T221000-create-sales-stock': m0024,
  '20261122T232000-add-stock-document-codes': m2320,
  '20261122T235900-index-order-lists': m2359,
  '20261122T235950-index-slip-drivers': m2359s,
  '20261123T001000-create-invoices': m0010i,
  '20261123T002000-create-receipts': m0020r,
  '20261123T003000-add-stock-period-moves': m0030,
  '20261123T010000-create-receivables': m0100r,
  '20261123T011000-create-collections': m0110c,
  '20261123T012000-add-invoice-orders': m0120g,
  '20261123T012100-index-slips-customer-date': m0121g,
  '20261123T013000-index-order-numbers': m0130o,
  '20261123T014000-index-customer-search-owner': m0140i,
  '20261123T014100-create-robot-webhooks': m0141r,
  '20261123T015000-add-return-line-codes': m0150,
  '20261123T015100-add-warehouse-stock-limits': m0151,
  '20261123T021000-index-dunning-log': m0210,
  '20261123T040000-add-receivable-day-numbers': m0400a,
  '20261123T050000-add-statement-snapshot': m0500s,
  '20261123T090000-create-order-stages': m0900s,
  '20261123T180000-index-order-owner-covering': m1800o,
  '20261123T230000-create-holds': m2300h,
  '20261124T010000-link-hold-deposit-receipts': m0100d,
  '20261124T020000-add-hold-print-count': m0200p,
  '20261124T030000-record-deposit-refunds': m0300r,
  '20261124T070000-add-stock-document-handler': m0700h,
  '20261124T071000-index-stock-document-dates': m0710i,
  '20261124T073000-customer-core-without-county': m0730c,
  '20261124T080000-index-notifications-entity': m0800n,
  '20261124T113000-split-order-review-todo-kinds': m1130k,
  '20261124T123000-add-order-price-concession': m1230p,
  '20261124T124000-normalise-stored-unit-codes': m1240u,
  '20261124T124500-index-stock-document-drafts': m1245i,
  '20261124T125000-add-slip-delivery-mode': m1250d,
  '20261124T130000-add-import-row-actions': m1300i,
  '20261124T154300-index-stock-document-numbers': m1543n,
  '20261124T154500-index-order-concessions': m1545c,
  '20261124T154519-add-product-name-pinyin': m1545n,
  '20261124T183300-add-slip-cash-tendered': m1833t,
  '20261125T010000-drop-reservation-product-index': m0100x,
};
