import type { ReactNode } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { errorMessage } from '../app/api.ts';
import { useT } from '../app/i18n.tsx';

/**
 * The frame of every page: a title row (title, optional subtitle and back arrow, actions on the right)
 * (class sd-page-title, for a print stylesheet to leave out) over a white card. Sets document.title too.
 *   <PageFrame title="用户" extra={<Button type="primary">新建</Button>}> …table… </PageFrame>
 */
export function PageFrame({ title, subtitle, extra, back, children, bare, error }: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  /** a path, or true for history back */
  back?: string | boolean;
  children: ReactNode;
  /** no card around the children (for pages made of several cards) */
  bare?: boolean;
  /** a load error to show above the content */
  error?: unknown;
}) {
  const navigate = useNavigate();
  const t = useT();
  if (typeof title === 'string') document.title = `${title} - SalesDesk`;
  return (
    <div>
      <div className="sd-page-title" style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Space align="center">
          {back && (
            <Button type="text" aria-label={t('common.back')} icon={<ArrowLeftOutlined aria-hidden />} onClick={() => (typeof back === 'string' ? navigate(back) : navigate(-1))} />
          )}
          <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </Space>
        {extra && <Space wrap>{extra}</Space>}
      </div>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {bare ? children : <Card variant="borderless">{children}</Card>}
    </div>
  );
}
