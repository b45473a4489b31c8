import { describe, expect, it } from 'vitest';
import { mergeSections } from './merge-settings.ts';

describe('mergeSections', () => {
  it('keeps the keys of a section the form does not show, takes what it shows, replaces arrays whole', () => {
    const saved = { receivables: { basis: 'slip', defaultSettlementDay: 20, agingBuckets: [30, 60, 90] }, pool: { noFollowupDays: 30 }, name: '旧' };
    const form = { receivables: { basis: 'invoice' }, pool: { noFollowupDays: 45 }, stock: { expiryAlertDays: 15 } };
    expect(mergeSections(saved, form)).toEqual({
      receivables: { basis: 'invoice', defaultSettlementDay: 20, agingBuckets: [30, 60, 90] },
      pool: { noFollowupDays: 45 },
      stock: { expiryAlertDays: 15 },
      name: '旧',
    });
    expect(mergeSections({ a: { list: [1, 2, 3] } }, { a: { list: [4] } })).toEqual({ a: { list: [4] } });
    expect(saved.receivables.basis).toBe('slip');
  });
});
