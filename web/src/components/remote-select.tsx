import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, TreeSelect } from 'antd';
import type { SelectProps } from 'antd';
import { api } from '../app/api.ts';
import { roleLabel, useT } from '../app/i18n.tsx';

export type Option = { value: number | string; label: ReactNode; searchText?: string };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export type RemoteSelectProps = Omit<SelectProps, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> & {
  /** a stable name for caching, e.g. 'users' */
  cacheKey: string;
  /** options matching what the user typed (the server does pinyin matching) */
  search: (q: string) => Promise<Option[]>;
  /** the options of the current value(s), so they show a name before any search */
  resolve?: (values: (number | string)[]) => Promise<Option[]>;
};

/** A Select searching on the server as the user types (debounced), e.g. colleagues, customers, products. */
export function RemoteSelect({ cacheKey, search, resolve, value, ...rest }: RemoteSelectProps) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const found = useQuery({ queryKey: ['remote-select', cacheKey, q], queryFn: () => search(q), staleTime: 30_000 });
  const values = useMemo(() => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]) as (number | string)[], [value]);
  const current = useQuery({
    queryKey: ['remote-select', cacheKey, 'values', values],
    queryFn: () => resolve!(values),
    enabled: !!resolve && values.length > 0,
    staleTime: 60_000,
  });
  const known = useRef(new Map<string, Option>());
  // while the typed text has not been searched yet (the debounce), the list shown is an older search's: a scanner's
  // Enter right after the code would pick its first option, another product. Until the answer, only the spinner.
  const typing = text !== q;
  const options = useMemo(() => {
    for (const o of [...(current.data ?? []), ...(found.data ?? [])]) known.current.set(String(o.value), o);
    const list = typing ? [] : [...(found.data ?? [])];
    // keep the selected ones listed, so the Select shows their names
    for (const v of values) if (!list.some((o) => String(o.value) === String(v)) && known.current.has(String(v))) list.push(known.current.get(String(v))!);
    return list;
  }, [found.data, current.data, values, typing]);
  // Enter pressed before the answer (a barcode scanner types the code and Enter at once): the first option of the
  // answer to that very text is taken when it comes — the server puts an exact code or barcode match first. The term
  // is forgotten when the text changes or the list closes (Esc, a click away), so no other search's answer is taken.
  const pendingEnter = useRef<string | null>(null);
  useEffect(() => {
    const term = pendingEnter.current;
    if (term === null || typing || q !== term || found.isFetching || !found.data) return;
    pendingEnter.current = null;
    const first = found.data[0];
    if (!first) return;
    (document.activeElement as HTMLElement | null)?.blur(); // closes the list, as a pick does
    setText('');
    rest.onChange?.(first.value, { value: first.value, label: first.label });
  }, [typing, q, found.isFetching, found.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const holdEnter = (e: React.KeyboardEvent) => {
    // only a single pick is taken on the answer; in a multiple select Enter keeps its own meaning
    if (rest.mode || e.key !== 'Enter' || !text.trim() || !(typing || found.isFetching)) return;
    pendingEnter.current = text;
    e.preventDefault();
    e.stopPropagation();
  };
  const typeText = (s: string) => {
    if (s !== text) pendingEnter.current = null;
    setText(s);
  };
  const onOpenChange = (open: boolean) => {
    if (!open) {
      pendingEnter.current = null;
      setText('');
    }
    rest.onOpenChange?.(open);
  };
  return (
    <div style={{ display: 'contents' }} onKeyDownCapture={holdEnter}>
      <Select
        showSearch={{ filterOption: false, onSearch: typeText, searchValue: text }}
        allowClear
        value={value}
        options={options.map((o) => ({ value: o.value, label: o.label }))}
        notFoundContent={typing || found.isFetching ? <Spin size="small" /> : t('common.none')}
        {...rest}
        onOpenChange={onOpenChange}
      />
    </div>
  );
}

export type DirectoryUser = { id: number; displayName: string; departmentId: number | null; departmentName: string | null; roleCode: string; roleName: string };

/** A colleague with department and role (a built-in role's name in the language shown, also after a switch). */
function UserLabel({ u }: { u: DirectoryUser }) {
  const t = useT();
  return (
    <span>
      {u.displayName}
      <span style={{ color: '#8c8c8c', marginLeft: 6, fontSize: 12 }}>{[u.departmentName, t.l(roleLabel({ code: u.roleCode, name: u.roleName }))].filter(Boolean).join(' · ')}</span>
    </span>
  );
}

const userOption = (u: DirectoryUser): Option => ({ value: u.id, label: <UserLabel u={u} /> });

/**
 * Pick a colleague of the current company (by name, full pinyin or initials: "zw" finds 张伟).
 * Works for any logged-in user (GET /api/directory/users). `departmentId` narrows to a department and below.
 */
export function UserPicker(props: Omit<RemoteSelectProps, 'cacheKey' | 'search' | 'resolve'> & { departmentId?: number }) {
  const t = useT();
  const { departmentId, ...rest } = props;
  return (
    <RemoteSelect
      placeholder={t.locale === 'en-US' ? 'Type a name or pinyin' : '输入姓名或拼音搜索'}
      {...rest}
      cacheKey={`users:${departmentId ?? ''}`}
      search={async (q) => (await api.get<DirectoryUser[]>('/api/directory/users', { q, departmentId, subtree: departmentId ? 1 : undefined })).map(userOption)}
      resolve={async (ids) => (await api.get<DirectoryUser[]>('/api/directory/users', { ids: ids.join(',') })).map(userOption)}
    />
  );
}

export type DepartmentNode = { id: number; name: string; parentId: number | null; memberCount: number; children: DepartmentNode[] };

type TreeOption = { value: number; title: string; children: TreeOption[]; disabled?: boolean };
const toTree = (nodes: DepartmentNode[], disabledIds?: Set<number>, parentDisabled = false): TreeOption[] =>
  nodes.map((n) => {
    const disabled = parentDisabled || !!disabledIds?.has(n.id);
    return { value: n.id, title: n.name, disabled, children: toTree(n.children, disabledIds, disabled) };
  });

/** Pick a department of the current company from its tree (GET /api/directory/departments). */
export function DepartmentPicker({ value, onChange, disabledIds, placeholder, allowClear = true, id, style }: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  /** these departments and everything below them cannot be picked (moving a department under itself) */
  disabledIds?: number[];
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
}) {
  const t = useT();
  const tree = useQuery({ queryKey: ['directory', 'departments'], queryFn: () => api.get<DepartmentNode[]>('/api/directory/departments'), staleTime: 30_000 });
  const data = useMemo(() => toTree(tree.data ?? [], new Set(disabledIds ?? [])), [tree.data, disabledIds]);
  return (
    <TreeSelect
      id={id}
      style={style ?? { width: '100%' }}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as number | undefined) ?? null)}
      treeData={data}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      loading={tree.isPending}
      placeholder={placeholder ?? (t.locale === 'en-US' ? 'Choose a department' : '选择部门')}
    />
  );
}
