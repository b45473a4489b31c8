import { useState, type ReactNode } from 'react';
import { formatPrice } from '../../../src/platform/money.ts';
import { createPortal } from 'react-dom';
import { useSearchParams } from 'react-router';
import { Radio } from 'antd';
import { useT } from '../app/i18n.tsx';
import { paperLabels, papers, type Paper } from '../../../src/platform/documents/paper.ts';

// The printed forms' frame (销货清单, 留货单, the binding list): a page outside the app shell (a portal
// on <body>) with a toolbar on screen, and a print stylesheet that shows only the form's sheets.
// A sheet is <section className="sd-sheet"> sized for the paper: on A4 two sheets share a page
// (210 × 148 mm each, a dashed cut line between them); on 241 mm continuous paper halves (二等分)
// one sheet is one page. The classes below (copy tab, titles, meta line, ruled tables, signature
// line, 作废 and 补打 marks, cells that print their text whole) are the forms' common vocabulary; a form adds its own rules as extraCss.

export type PrintPaper = Paper;

export const printCss = `
.sd-print { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; color: #111; }
@media screen {
  .sd-print { position: fixed; inset: 0; overflow: auto; background: #dcdcdc; z-index: 1500; padding-bottom: 40px; }
  .sd-print-toolbar { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ccc; padding: 8px 16px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  .sd-sheet { margin: 16px auto; box-shadow: 0 2px 8px rgba(0,0,0,.25); background: #fff; }
}
@media print {
  body > *:not(.sd-print) { display: none !important; }
  .sd-print-toolbar { display: none !important; }
  .sd-print { position: static; background: #fff; }
  .sd-sheet { margin: 0; box-shadow: none; }
}
.sd-sheet { position: relative; box-sizing: border-box; overflow: hidden; page-break-inside: avoid; break-inside: avoid; }
.sd-paper-a4 .sd-sheet { width: 210mm; height: 148mm; padding: 7mm 12mm 6mm 10mm; }
.sd-paper-a4 .sd-sheet:nth-of-type(2n) { break-after: page; page-break-after: always; border-top: 1px dashed #999; }
.sd-paper-continuous241 .sd-sheet { width: 241mm; height: 139.5mm; padding: 7mm 14mm 6mm 12mm; break-after: page; page-break-after: always; }
.sd-sheet .sd-copy-tab { position: absolute; right: 3mm; top: 12mm; bottom: 12mm; width: 6mm; writing-mode: vertical-rl; text-align: center; font-size: 3.4mm; letter-spacing: 1mm; border-left: 0.3mm solid #333; padding-left: 1mm; }
.sd-sheet h1 { margin: 0; text-align: center; font-size: 6mm; letter-spacing: 1mm; font-weight: 700; }
.sd-sheet h2 { margin: 0.5mm 0 2.6mm; line-height: 1.2; text-align: center; font-size: 5.4mm; letter-spacing: 4mm; font-weight: 700; text-decoration: underline double; text-underline-offset: 1mm; }
.sd-sheet .sd-meta { display: flex; justify-content: space-between; font-size: 3.3mm; margin-bottom: 1mm; }
.sd-sheet .sd-no { font-family: "Noto Sans Mono CJK SC", monospace; color: #b00; font-size: 4mm; font-weight: 700; }
.sd-sheet table { width: 100%; border-collapse: collapse; font-size: 3.2mm; table-layout: fixed; }
.sd-sheet td, .sd-sheet th { border: 0.25mm solid #222; padding: 0.6mm 1.2mm; height: 5.2mm; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.sd-sheet th { font-weight: 600; background: #f3f3f3; }
.sd-sheet td.sd-wrap { white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; height: auto; min-height: 5.2mm; line-height: 1.25; }
.sd-sheet td.sd-wrap.sd-long { font-size: 2.7mm; }
.sd-sheet .num { text-align: right; font-variant-numeric: tabular-nums; }
/* 件数: cases and loose units (12箱11瓶) a size down, so the figure fits its narrow column */
.sd-sheet td.sd-packs { font-size: 2.9mm; }
.sd-sheet .sd-sign { display: flex; justify-content: space-between; font-size: 3.3mm; margin-top: 1.6mm; }
.sd-sheet .sd-sign span b { display: inline-block; min-width: 18mm; border-bottom: 0.25mm solid #333; text-align: center; font-weight: 400; }
.sd-sheet .sd-void { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%) rotate(-22deg); font-size: 30mm; font-weight: 900; color: rgba(200, 0, 0, .30); border: 2.5mm solid rgba(200, 0, 0, .30); padding: 0 8mm; letter-spacing: 6mm; white-space: nowrap; pointer-events: none; }
/* the stamp's note wraps (who, when, why), at most four lines so the stamp stays on its sheet; a form puts the void time before the reason */
.sd-sheet .sd-void small { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; overflow: hidden; font-size: 4mm; line-height: 1.3; letter-spacing: 0; text-align: center; font-weight: 600; white-space: normal; overflow-wrap: anywhere; }
.sd-sheet .sd-reprint { position: absolute; right: 14mm; top: 6mm; color: #c00; border: 0.5mm solid #c00; font-size: 3.4mm; padding: 0.4mm 1.6mm; transform: rotate(6deg); font-weight: 700; }
`;

/**
 * A cell whose text must print whole (a customer's legal name, an address): it wraps within the cell,
 * and past `perLine` characters it also drops a type size, so two lines hold it and the copy keeps its page.
 */
export const wholeText = (text: string | null | undefined, perLine: number) => `sd-wrap${(text ?? '').length > perLine ? ' sd-long' : ''}`;

/**
 * The customer block of a goods form (销货清单, 订单确认单): 客户单位 and 联系人/电话, 送货地址, printed whole;
 * `children` adds the form's own rows below them (four cells: label, value, label, value).
 */
export function CustomerRows({ customerName, contactName, contactPhone, deliveryAddress, children }: { customerName: string; contactName: string | null; contactPhone: string | null; deliveryAddress: string | null; children?: ReactNode }) {
  return (
    <table>
      <colgroup>
        <col style={{ width: '13%' }} /><col style={{ width: '37%' }} /><col style={{ width: '11%' }} /><col style={{ width: '39%' }} />
      </colgroup>
      <tbody>
        <tr><th>客户单位</th><td className={wholeText(customerName, 20)}>{customerName}</td><th>联系人</th><td>{contactName ?? ''}　{contactPhone ? `电话：${contactPhone}` : ''}</td></tr>
        <tr><th>送货地址</th><td colSpan={3} className={wholeText(deliveryAddress, 48)}>{deliveryAddress ?? ''}</td></tr>
        {children}
      </tbody>
    </table>
  );
}

/**
 * The first six cells of a goods row: 序号, 商品名称, 规格, 单位, 数量, 单价 (the form adds its own after them).
 * A form with a 件数 column after 数量 passes `packs`, its text (4箱1瓶; null: blank): the cell comes then.
 */
export function GoodsCells({ line, packs }: { line: { lineNo: number; productName: string; spec: string | null; unit: string; quantity: number; unitPrice: number }; packs?: string | null }) {
  return (
    <>
      <td className="num" style={{ textAlign: 'center' }}>{line.lineNo}</td>
      <td>{line.productName}</td>
      <td>{line.spec ?? ''}</td>
      <td style={{ textAlign: 'center' }}>{line.unit}</td>
      <td className="num">{line.quantity}</td>
      {packs !== undefined && <td className="num sd-packs">{packs ?? ''}</td>}
      <td className="num">{formatPrice(line.unitPrice)}</td>
    </>
  );
}

/** The empty rows that keep a sheet its size when it holds fewer goods than it has room for. */
export function BlankRows({ count, cells }: { count: number; cells: number }) {
  return <>{Array.from({ length: Math.max(0, count) }, (_, i) => <tr key={`b${i}`}>{Array.from({ length: cells }, (_, k) => <td key={k} />)}</tr>)}</>;
}

/** A form's rows in sheets of `size` (at least one sheet, blank when there are no rows). */
export const chunk = <T,>(items: T[], size: number): T[][] => (items.length ? Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size)) : [[]]);

const pageRule = (paper: PrintPaper) => (paper === 'a4' ? '@page { size: A4 portrait; margin: 0; }' : '@page { size: 241mm 139.5mm; margin: 0; }');

/** Renders children on <body> (outside the shell), with the print stylesheet (plus the form's extraCss) and the paper's @page rule. */
export function PrintPortal({ paper, toolbar, extraCss, children }: { paper: PrintPaper; toolbar: ReactNode; extraCss?: string; children: ReactNode }) {
  return createPortal(
    <div className={`sd-print sd-paper-${paper}`}>
      <style>{printCss + (extraCss ?? '') + pageRule(paper)}</style>
      <div className="sd-print-toolbar">{toolbar}</div>
      {children}
    </div>,
    document.body,
  );
}

/** The paper a print page starts on: `?paper=continuous241` (a link from a 241 mm office), else A4. */
export function usePaper() {
  const [sp] = useSearchParams();
  return useState<PrintPaper>(sp.get('paper') === 'continuous241' ? 'continuous241' : 'a4');
}

/** The toolbar's choice of paper (A4 / 241 mm continuous in halves). */
export function PaperSwitch({ value, onChange }: { value: PrintPaper; onChange: (p: PrintPaper) => void }) {
  const t = useT();
  return <Radio.Group value={value} onChange={(e) => onChange(e.target.value as PrintPaper)} optionType="button" options={papers.map((p) => ({ value: p, label: t.l(paperLabels[p]) }))} />;
}
