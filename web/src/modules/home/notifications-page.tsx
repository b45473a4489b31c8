import { useQuery } from '@tanstack/react-query';
import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { api, type Page } from '../../app/api.ts';
import { registerMessages, useT } from '../../app/i18n.tsx';
import { NOTIFY_KEY, notificationLink, useOpenNotification, useReadAll, type NotificationItem } from '../../app/notification-bell.tsx';
import { DateTime } from '../../components/format.tsx';
import { PageFrame } from '../../components/page-frame.tsx';

registerMessages({
  zh: { 'notifications.title': '我的通知', 'notifications.onlyUnread': '未读', 'notifications.all': '全部', 'notifications.col.title': '标题', 'notifications.col.body': '内容', 'notifications.col.at': '时间', 'notifications.read': '已读', 'notifications.open': '查看' },
  en: { 'notifications.title': 'My notifications', 'notifications.onlyUnread': 'Unread', 'notifications.all': 'All', 'notifications.col.title': 'Title', 'notifications.col.body': 'Details', 'notifications.col.at': 'Time', 'notifications.read': 'Read', 'notifications.open': 'Open' },
});

export function NotificationsPage() {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const unreadOnly = sp.get('unread') === '1';
  const page = Number(sp.get('page') ?? 1) || 1;
  const pageSize = Number(sp.get('pageSize') ?? 20) || 20;
  const open = useOpenNotification();
  const readAll = useReadAll();
  const q = useQuery({
    queryKey: [...NOTIFY_KEY, 'page', unreadOnly, page, pageSize],
    queryFn: () => api.get<Page<NotificationItem>>('/api/notifications', { unread: unreadOnly ? 1 : undefined, page, pageSize }),
  });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) (v === null ? next.delete(k) : next.set(k, v));
    setSp(next, { replace: true });
  };
  return (
    <PageFrame
      title={t('notifications.title')}
      error={q.error}
      extra={
        <>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[{ value: 'all', label: t('notifications.all') }, { value: 'unread', label: t('notifications.onlyUnread') }]}
            onChange={(v) => set({ unread: v === 'unread' ? '1' : null, page: null })}
          />
          <Button loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('notify.readAll')}</Button>
        </>
      }
    >
      <Table<NotificationItem>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), showSizeChanger: true }}
        onChange={(p) => set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
        columns={[
          { title: t('common.status'), width: 90, render: (_, n) => (n.readAt ? <Tag>{t('notifications.read')}</Tag> : <Tag color="blue">{t('notify.unread')}</Tag>) },
          { title: t('notifications.col.title'), dataIndex: 'title' },
          { title: t('notifications.col.body'), dataIndex: 'body' },
          { title: t('notifications.col.at'), dataIndex: 'createdAt', width: 170, render: (v: string) => <DateTime value={v} /> },
          {
            title: t('common.actions'),
            width: 90,
            render: (_, n) => (notificationLink(n) || !n.readAt ? <Button type="link" size="small" onClick={() => void open(n)}>{notificationLink(n) ? t('notifications.open') : t('notifications.read')}</Button> : null),
          },
        ]}
      />
    </PageFrame>
  );
}
