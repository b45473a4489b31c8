import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { defineDocument, voidFields } from './status.ts';

const lead = defineDocument({
  labels: { new: { zh: '新建', en: 'New' }, contacted: { zh: '已联系', en: 'Contacted' }, converted: { zh: '已转化', en: 'Converted' }, void: { zh: '作废', en: 'Void' }, discarded: { zh: '已放弃', en: 'Discarded' } },
  transitions: { contact: { from: ['new', 'contacted'], to: 'contacted', label: { zh: '记录联系', en: 'log a contact' } }, convert: { from: ['contacted'], to: 'converted', label: { zh: '转化', en: 'convert' } } },
  voidableFrom: ['new', 'contacted'],
});

describe('document status machine', () => {
  it('allows declared transitions and refuses others with the current status in Chinese', () => {
    expect(lead.next('new', 'contact')).toBe('contacted');
    try {
      lead.next('new', 'convert');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(409);
      expect((e as AppError).localized('zh-CN')).toBe('单据当前状态为「新建」，不能转化');
      expect((e as AppError).localized('en-US')).toBe('A document in status "New" cannot be changed: convert');
    }
    expect(() => lead.next('void', 'contact')).toThrow();
  });

  it('voids only with a reason and only from voidable statuses', () => {
    expect(() => voidFields({ userId: 1, companyId: 1 }, '  ')).toThrow(AppError);
    const v = voidFields({ userId: 5, companyId: 1 }, '客户信息重复');
    expect(v).toMatchObject({ status: 'void', voidedBy: 5, voidReason: '客户信息重复' });
    expect(() => lead.assertVoidable('converted')).toThrow(AppError);
    expect(() => lead.assertVoidable('new')).not.toThrow();
  });
});
