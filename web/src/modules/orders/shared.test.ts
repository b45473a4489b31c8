import { describe, expect, it } from 'vitest';
import { shortageText, type OrderOut } from './shared.tsx';

type Line = OrderOut['lines'][number];
const line = (over: Partial<Line>): Line => ({
  id: 1, lineNo: 1, productId: 7, productCode: 'PE350', productName: '普洱茶饮料', spec: '350ml', unit: '瓶', barcode: null, packUnit: '箱', packSize: 12,
  quantity: 60, unitPrice: 35_000, discountBp: 0, taxRateBp: 1300, amountExTax: 18_584, taxAmount: 2_416, amount: 21_000,
  reservedQuantity: 11, shippedQuantity: 0, remarks: null, listPrice: 35_000, concession: 0, ...over,
});

describe('shortageText: what an order is short of, in its unit and its cases', () => {
  const tea = line({});
  it('gives the unit and the cases of the order line of that product', () => {
    expect(shortageText({ productId: 7, productName: '普洱茶饮料', quantity: 49 }, [tea], 'zh-CN')).toBe('普洱茶饮料 缺 49瓶（4箱1瓶）');
    expect(shortageText({ productId: 7, productName: '普洱茶饮料', quantity: 48 }, [tea], 'zh-CN')).toBe('普洱茶饮料 缺 48瓶（4箱）');
    expect(shortageText({ productId: 7, productName: '普洱茶饮料', quantity: 49 }, [tea], 'en-US')).toBe('普洱茶饮料: 49瓶 short (4 箱 1 瓶)');
  });
  it('shows no cases under one case, nor for a product without a pack', () => {
    expect(shortageText({ productId: 7, productName: '普洱茶饮料', quantity: 5 }, [tea], 'zh-CN')).toBe('普洱茶饮料 缺 5瓶');
    const loose = line({ id: 2, lineNo: 2, productId: 9, productName: '散装红糖', unit: '斤', packUnit: null, packSize: null });
    expect(shortageText({ productId: 9, productName: '散装红糖', quantity: 30 }, [tea, loose], 'zh-CN')).toBe('散装红糖 缺 30斤');
  });
  it('takes the pack of the line of its own product, not another line\'s', () => {
    const liquor = line({ id: 3, lineNo: 1, productId: 8, productName: '窖藏白酒', packSize: 6 });
    expect(shortageText({ productId: 8, productName: '窖藏白酒', quantity: 13 }, [tea, liquor], 'zh-CN')).toBe('窖藏白酒 缺 13瓶（2箱1瓶）');
  });
});
