import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatMoney } from '../../components/format.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type Bar = { key: number; label: string; fen: number };

// Colours from "not yet due" (green) through the buckets to the oldest (deep red).
const palette = ['#52c41a', '#faad14', '#fa8c16', '#fa541c', '#f5222d', '#cf1322', '#a8071a', '#820014', '#5c0011', '#3d000b', '#2a0008', '#1a0005'];

/** The aging buckets as bars (amounts in yuan); a click on a bar reports its bucket key. */
export function BucketChart({ bars, onPick, height = 260, yuanLabel }: { bars: Bar[]; onPick?: (key: number) => void; height?: number; yuanLabel: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => {
      const key = (p.data as { bucketKey?: number } | undefined)?.bucketKey;
      if (key !== undefined) pick.current?.(key);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({
      animation: false,
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}<br/>${formatMoney(Math.round(p.value * 100))}` },
      xAxis: { type: 'category', data: bars.map((b) => b.label), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', name: yuanLabel, axisLabel: { formatter: (v: number) => (Math.abs(v) >= 10000 ? `${v / 10000}万` : String(v)) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          cursor: onPick ? 'pointer' : 'default',
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? formatMoney(Math.round(p.value * 100), { symbol: false }) : '') },
          data: bars.map((b, i) => ({ value: b.fen / 100, bucketKey: b.key, itemStyle: { color: palette[Math.min(i, palette.length - 1)] } })),
        },
      ],
    }, true);
  }, [bars, yuanLabel, onPick]);

  return <div ref={el} style={{ width: '100%', height }} data-testid="aging-chart" />;
}
