import { defineDocument } from '../../platform/documents/status.ts';
import { stockDocStatusLabels } from './labels.ts';

/**
 * A stock document 入库单/出库单/调拨单/盘点单: draft (edited freely, or discarded) → submitted
 * (numbered, stock moved in the same transaction) → signed (keeper, preparer and handler have each
 * signed by their own login); void (reason required, stock taken back exactly) from submitted or
 * signed. Never deleted.
 */
export const stockDocument = defineDocument<'draft' | 'submitted' | 'signed' | 'discarded', 'submit' | 'sign' | 'discard'>({
  labels: stockDocStatusLabels,
  transitions: {
    submit: { from: ['draft'], to: 'submitted', label: { zh: '提交', en: 'submit' } },
    sign: { from: ['submitted'], to: 'signed', label: { zh: '签字', en: 'sign' } },
    discard: { from: ['draft'], to: 'discarded', label: { zh: '丢弃', en: 'discard' } },
  },
  voidableFrom: ['submitted', 'signed'],
  editableIn: ['draft'],
});
