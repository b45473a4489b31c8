import { describe, expect, it } from 'vitest';
import { discountWording, holdQuantityText } from './shared.tsx';

// prices in 0.0001 yuan: a list price of ¥1,499.00
const list = 14_990_000;
const yuan = (y: number) => Math.round(y * 10_000);

describe('discountWording: how far a special price is under the list, for the manager approving it', () => {
  it('says 折 as a customer reads a discount: exact, or rounded to the tenth with 约', () => {
    expect(discountWording(list, yuan(1424.05), 'zh-CN')).toBe('9.5 折'); // 1,424.05 is 95% of 1,499
    expect(discountWording(list, yuan(1420), 'zh-CN')).toBe('约 9.5 折'); // 94.7%
    expect(discountWording(list, yuan(749.5), 'zh-CN')).toBe('5 折');
    expect(discountWording(list, yuan(1484), 'zh-CN')).toBe('约 9.9 折'); // 99.0%: still under 9.95 折
  });
  it('a price only just under the list is a share of the list price, never 10 折 (which reads as no discount)', () => {
    expect(discountWording(yuan(1000), yuan(996), 'zh-CN')).toBe('原价的 99.6%');
    expect(discountWording(list, yuan(1493), 'zh-CN')).toBe('约原价的 99.6%'); // 99.599%
    expect(discountWording(list, yuan(1491.505), 'zh-CN')).toBe('原价的 99.5%'); // 9.95 折 would round to 10 折
    expect(discountWording(list, yuan(1491.5), 'zh-CN')).toBe('约 9.9 折'); // 99.4997%: rounds down, a discount still
    expect(discountWording(list, yuan(1498.9), 'zh-CN')).toBe('约原价的 99.9%'); // 99.993%: not 100%
  });
  it('a price just above nothing is not 0 折 (free); nothing is', () => {
    expect(discountWording(list, yuan(5), 'zh-CN')).toBe('约 0.1 折');
    expect(discountWording(list, 0, 'zh-CN')).toBe('0 折');
  });
  it('in English: the share off, never 0% off, and 100% off only for nothing', () => {
    expect(discountWording(list, yuan(1424.05), 'en-US')).toBe('5% off');
    expect(discountWording(list, yuan(1420), 'en-US')).toBe('about 5.3% off');
    expect(discountWording(yuan(1000), yuan(996), 'en-US')).toBe('0.4% off');
    expect(discountWording(list, yuan(1498.9), 'en-US')).toBe('about 0.1% off');
    expect(discountWording(list, yuan(1), 'en-US')).toBe('about 99.9% off');
    expect(discountWording(list, 0, 'en-US')).toBe('100% off');
  });
});

describe('holdQuantityText: a hold\'s quantity with its cases', () => {
  const bottles = { unit: '瓶', packUnit: '箱', packSize: 12 };
  it('gives the cases beside the figure, and the loose units beyond them', () => {
    expect(holdQuantityText({ quantity: 240, ...bottles }, 'zh-CN')).toBe('240瓶（20箱）');
    expect(holdQuantityText({ quantity: 13, ...bottles }, 'zh-CN')).toBe('13瓶（1箱1瓶）');
    expect(holdQuantityText({ quantity: 13, ...bottles }, 'en-US')).toBe('13瓶 (1 箱 1 瓶)');
  });
  it('says nothing of cases under one case or for a product not packed in them', () => {
    expect(holdQuantityText({ quantity: 6, ...bottles }, 'zh-CN')).toBe('6瓶');
    expect(holdQuantityText({ quantity: 30, unit: '斤', packUnit: null, packSize: null }, 'zh-CN')).toBe('30斤');
  });
});
