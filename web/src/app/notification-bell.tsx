import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api, errorMessage, type Page } from './api.ts';
import { useT } from './i18n.tsx';
import { fromNow } from '../components/format.tsx';

export type NotificationItem = {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  entityId: number | null;
  readAt: string | null;
  createdAt: string;
};

/** Where a notification leads: the page of the record it names. */
export function notificationLink(n: Pick<NotificationItem, 'entity' | 'entityId'>): string | null {
  switch (n.entity) {
    case 'customer':
      return n.entityId ? `/customers/${n.entityId}` : '/customers';
    case 'lead':
      return n.entityId ? `/leads/${n.entityId}` : '/leads';
    case 'customer_collection': // overdue alerts and broken promises: the customer's 催收 page
      return n.entityId ? `/collections/dunning?customerId=${n.entityId}` : '/collections/promises';
    case 'ownership_request':
      return '/customers/ownership';
    case 'sales_order':
      return n.entityId ? `/orders/${n.entityId}` : '/orders';
    case 'sales_slip':
      return n.entityId ? `/slips/${n.entityId}` : '/slips';
    case 'stock_document':
      return n.entityId ? `/stock/documents/${n.entityId}` : '/stock/documents';
    case 'hold': // requests to approve, decisions, expiry
      return n.entityId ? `/holds/${n.entityId}` : '/holds';
    case 'receipt': // a deposit due back to the customer: finance records the refund there
      return n.entityId ? `/receipts/${n.entityId}` : '/receipts';
    case 'purchase_request':
      return '/stock/purchase-requests';
    case 'warehouse': // the daily stock alert of a warehouse's keeper
      return '/stock/alerts';
    default:
      return null;
  }
}

export const NOTIFY_KEY = ['notifications'] as const;

/** Mark read, then go to the record: used by the bell, the home page and the notifications page. */
export function useOpenNotification() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return async (n: NotificationItem) => {
    try {
      if (!n.readAt) await api.post(`/api/notifications/${n.id}/read`);
    } catch (e) {
      message.error(errorMessage(e));
    }
    await qc.invalidateQueries({ queryKey: NOTIFY_KEY });
    const to = notificationLink(n);
    if (to) navigate(to);
  };
}

export function useReadAll() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: () => api.post('/api/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIFY_KEY }),
    onError: (e) => message.error(errorMessage(e)),
  });
}

export function NotificationList({ items, onOpen }: { items: NotificationItem[]; onOpen: (n: NotificationItem) => void }) {
  const t = useT();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(n) => (
        <List.Item style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f0f6ff', paddingInline: 8 }} onClick={() => onOpen(n)}>
          <List.Item.Meta
            title={<Space><Badge status={n.readAt ? 'default' : 'processing'} /><span>{n.title}</span></Space>}
            description={
              <Space orientation="vertical" size={0}>
                {n.body && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.body}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fromNow(n.createdAt, t.locale)}</Typography.Text>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const openOne = useOpenNotification();
  const readAll = useReadAll();
  const count = useQuery({
    queryKey: [...NOTIFY_KEY, 'count'],
    queryFn: () => api.get<{ unread: number }>('/api/notifications/count'),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
  const list = useQuery({
    queryKey: [...NOTIFY_KEY, 'bell'],
    queryFn: () => api.get<Page<NotificationItem>>('/api/notifications', { unread: 1, pageSize: 8 }),
    enabled: open,
  });
  const unread = count.data?.unread ?? 0;
  const content = (
    <div style={{ width: 340, maxHeight: 420, overflow: 'auto' }}>
      <NotificationList
        items={list.data?.items ?? []}
        onOpen={(n) => {
          setOpen(false);
          void openOne(n);
        }}
      />
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t('notify.title')}</span>
          <Space size={0}>
            <Button type="link" size="small" disabled={unread === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('notify.readAll')}</Button>
            <Button type="link" size="small" onClick={() => { setOpen(false); navigate('/notifications'); }}>{t('notify.viewAll')}</Button>
          </Space>
        </Space>
      }
      content={content}
    >
      <Button type="text" aria-label={`${t('notify.title')}${unread ? ` (${unread})` : ''}`} style={{ height: 40 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
