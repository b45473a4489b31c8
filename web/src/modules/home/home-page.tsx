import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.tsx';
import { registerMessages, roleLabel, useT } from '../../app/i18n.tsx';
import { menuGroups, modules } from '../../app/modules.tsx';
import { NOTIFY_KEY, NotificationList, useOpenNotification, useReadAll, type NotificationItem } from '../../app/notification-bell.tsx';
import { MonthSales, TodoCard } from './workbench.tsx';

registerMessages({
  zh: {
    'home.night': '夜深了',
    'home.morning': '早上好',
    'home.noon': '中午好',
    'home.afternoon': '下午好',
    'home.evening': '晚上好',
    'home.greeting': '{greet}，{name}',
    'home.who': '{role} · {company}',
    'home.dept': '所属部门：{dept}',
    'home.unread': '未读通知',
    'home.unreadCount': '{n} 条未读',
    'home.quick': '常用功能',
    'home.noQuick': '您的角色暂未分配业务功能，请联系管理员。',
  },
  en: {
    'home.night': 'Working late',
    'home.morning': 'Good morning',
    'home.noon': 'Good day',
    'home.afternoon': 'Good afternoon',
    'home.evening': 'Good evening',
    'home.greeting': '{greet}, {name}',
    'home.who': '{role} · {company}',
    'home.dept': 'Department: {dept}',
    'home.unread': 'Unread notifications',
    'home.unreadCount': '{n} unread',
    'home.quick': 'Quick links',
    'home.noQuick': 'Your role has no business functions yet; ask an administrator.',
  },
});

/** The greeting for the hour in Beijing, whatever the browser's zone: 夜深了 before 5 (not 早上好 at 3 a.m.), then morning, noon, afternoon, evening. */
export function greetingKey(now = new Date()): string {
  const h = (now.getUTCHours() + 8) % 24;
  if (h < 5) return 'home.night';
  if (h < 11) return 'home.morning';
  if (h < 13) return 'home.noon';
  if (h < 18) return 'home.afternoon';
  return 'home.evening';
}

export function HomePage() {
  const me = useMe();
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const open = useOpenNotification();
  const readAll = useReadAll();
  const unread = useQuery({
    queryKey: [...NOTIFY_KEY, 'home'],
    queryFn: () => api.get<Page<NotificationItem>>('/api/notifications', { unread: 1, pageSize: 10 }),
  });
  document.title = `${t('app.name')}`;
  const links = modules.filter((m) => !m.hideInMenu && m.key !== 'home' && can(m.permission));
  const groupLabel = (g?: string) => menuGroups.find((x) => x.key === g)?.label;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Row gutter={16} align="middle">
          <Col xs={24} md={14}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>{t('home.greeting', { greet: t(greetingKey()), name: me.user.displayName })}</Typography.Title>
            <Space orientation="vertical" size={2}>
              <Typography.Text>{t('home.who', { role: t.l(roleLabel(me.role)), company: me.company?.name ?? '' })}</Typography.Text>
              {me.department && <Typography.Text type="secondary">{t('home.dept', { dept: me.department.name })}</Typography.Text>}
            </Space>
          </Col>
          <Col xs={24} md={10}>
            <MonthSales />
          </Col>
        </Row>
      </Card>
      <TodoCard />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            variant="borderless"
            title={<Space>{t('home.unread')}{unread.data && unread.data.total > 0 && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('home.unreadCount', { n: unread.data.total })}</Typography.Text>}</Space>}
            extra={
              <Space size={0}>
                <Button type="link" disabled={!unread.data?.total} loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('notify.readAll')}</Button>
                <Button type="link" onClick={() => navigate('/notifications')}>{t('notify.viewAll')}</Button>
              </Space>
            }
          >
            {unread.isError ? <Alert type="error" showIcon title={errorMessage(unread.error)} /> : <NotificationList items={unread.data?.items ?? []} onOpen={(n) => void open(n)} />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('home.quick')}>
            {links.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noQuick')}</Typography.Text>
            ) : (
              <Row gutter={[8, 8]}>
                {links.map((m) => (
                  <Col span={12} key={m.key}>
                    <Link to={m.path} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '10px 12px', border: '1px solid #f0f0f0', borderRadius: 6 }}>
                      <span style={{ fontSize: 18, color: '#1f5fbf' }}>{m.icon}</span>
                      <span>
                        <div>{t.l(m.label)}</div>
                        {m.group && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.l(groupLabel(m.group))}</Typography.Text>}
                      </span>
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
