import { useCallback, useMemo, type Key, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Table } from 'antd';
import type { TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { api, errorMessage, type Page, type QueryParams } from '../app/api.ts';
import { useT } from '../app/i18n.tsx';

// A list page's state lives in the URL (?page=2&pageSize=50&sort=name&order=asc&q=张), so a reload,
// the back button or a pasted link shows the same page. Several tables on one page use a prefix.

export type ListParams = Record<string, string>;

/** The URL query string as list state: read it, patch it (page resets to 1 unless given), clear keys. */
export function useListParams(prefix = '') {
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => {
    const out: ListParams = {};
    sp.forEach((v, k) => {
      if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
    });
    return out;
  }, [sp, prefix]);
  const set = useCallback(
    (patch: Record<string, string | number | null | undefined>, opts: { keepPage?: boolean } = {}) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === undefined || v === '') next.delete(prefix + k);
            else next.set(prefix + k, String(v));
          }
          if (!opts.keepPage && !('page' in patch)) next.delete(prefix + 'page');
          return next;
        },
        { replace: true },
      );
    },
    [setSp, prefix],
  );
  return { params, set };
}

/** The react-query key of a list endpoint: invalidate it after a change, e.g. qc.invalidateQueries({ queryKey: listKey('/api/admin/users') }). */
export const listKey = (endpoint: string) => ['list', endpoint] as const;

export type ServerTableProps<T> = {
  /** GET endpoint answering { items, total, page, pageSize } */
  endpoint: string;
  columns: ColumnsType<T>;
  rowKey?: TableProps<T>['rowKey'];
  /** URL keys passed on to the endpoint as filters (besides page, pageSize, sort, order) */
  filterKeys?: string[];
  /** fixed parameters, not in the URL */
  params?: QueryParams;
  defaultPageSize?: number;
  /** URL key prefix when a page has several tables */
  prefix?: string;
  /** shown above the table (filters, buttons) */
  toolbar?: ReactNode;
  rowSelection?: TableProps<T>['rowSelection'];
  onRow?: TableProps<T>['onRow'];
  size?: TableProps<T>['size'];
  scroll?: TableProps<T>['scroll'];
  expandable?: TableProps<T>['expandable'];
  /** called with each loaded page (e.g. to keep a selection in step) */
  onLoaded?: (page: Page<T>) => void;
};

/**
 * An antd Table bound to a paged list endpoint. Columns sort on the server when they have
 * `sorter: true` (the column's `key`, else its string `dataIndex`, is the sort field); columns with
 * `filters` filter on the server under their key (values joined by commas).
 */
export function ServerTable<T extends object>(props: ServerTableProps<T>) {
  const t = useT();
  const { params, set } = useListParams(props.prefix);
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.pageSize) || props.defaultPageSize || 20));
  const sortable = props.columns.filter((c) => (c as { sorter?: unknown }).sorter);
  const columnFilterKeys = props.columns.filter((c) => c.filters).map((c) => String(c.key));
  const keys = [...(props.filterKeys ?? []), ...columnFilterKeys];
  const query: QueryParams = { ...props.params, page, pageSize, sort: params.sort, order: params.sort ? params.order ?? 'asc' : undefined };
  for (const k of keys) if (params[k] !== undefined) query[k] = params[k];

  const q = useQuery({
    queryKey: [...listKey(props.endpoint), query],
    queryFn: async () => {
      const r = await api.get<Page<T>>(props.endpoint, query);
      props.onLoaded?.(r);
      return r;
    },
    placeholderData: keepPreviousData,
  });

  const fieldOf = (c: ColumnsType<T>[number]) => String(c.key ?? ((c as { dataIndex?: unknown }).dataIndex as string));
  const columns = props.columns.map((c) => {
    const out = { ...c } as ColumnsType<T>[number] & { sortOrder?: 'ascend' | 'descend' | null; filteredValue?: Key[] | null };
    if (sortable.includes(c)) out.sortOrder = params.sort === fieldOf(c) ? (params.order === 'desc' ? 'descend' : 'ascend') : null;
    if (c.filters) out.filteredValue = params[String(c.key)] ? params[String(c.key)].split(',') : null;
    return out;
  });

  const onChange: TableProps<T>['onChange'] = (pagination, filters, sorter, extra) => {
    const patch: Record<string, string | number | null> = {};
    if (extra.action === 'paginate') {
      patch.page = pagination.current ?? 1;
      patch.pageSize = pagination.pageSize ?? pageSize;
    }
    if (extra.action === 'sort') {
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T>;
      const field = s?.column ? fieldOf(s.column as ColumnsType<T>[number]) : null;
      patch.sort = s?.order && field ? field : null;
      patch.order = s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : null;
    }
    if (extra.action === 'filter') {
      for (const k of columnFilterKeys) patch[k] = filters[k]?.length ? filters[k]!.join(',') : null;
    }
    set(patch, { keepPage: extra.action === 'paginate' });
  };

  return (
    <div>
      {props.toolbar && <div style={{ marginBottom: 12 }}>{props.toolbar}</div>}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
      <Table<T>
        rowKey={props.rowKey ?? ('id' as TableProps<T>['rowKey'])}
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        onChange={onChange}
        size={props.size ?? 'middle'}
        rowSelection={props.rowSelection}
        onRow={props.onRow}
        scroll={props.scroll ?? { x: 'max-content' }}
        expandable={props.expandable}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </div>
  );
}
