import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { api, errorMessage, type Page } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { useSave } from './shared.tsx';
import { shanghaiTime } from '../../../../src/platform/time.ts';

// 群机器人推送: the company's WeCom 企业微信 / DingTalk 钉钉 group robots, the notification kinds each
// pushes, a test message per robot, and the delivery log. Saved on its own (PUT /api/notifications/robots).

type Channel = 'wecom' | 'dingtalk';
type Robot = { id?: number; channel: Channel; name: string; url: string; secret?: string; hasSecret?: boolean; enabled: boolean; kinds: string[] };
type RobotsReply = { items: (Robot & { id: number; hasSecret: boolean })[]; kinds: { kind: string; label: string }[] };
type Delivery = { id: number; robotName: string; channel: Channel; kindLabel: string; title: string; status: 'pending' | 'sent' | 'failed'; attempts: number; lastError: string | null; createdAt: string; sentAt: string | null };

const KEY = ['notifications', 'robots'];
const LOG_KEY = ['notifications', 'robots', 'deliveries'];

const shanghai = (iso: string | null) => shanghaiTime(iso) ?? '';

export function RobotPushCard() {
  const t = useT();
  const L = (zh: string, en: string) => t.l({ zh, en });
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: Robot[] }>();
  const save = useSave(form);
  const [testing, setTesting] = useState<number | null>(null);
  const [logPage, setLogPage] = useState(1);
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<RobotsReply>('/api/notifications/robots') });
  const log = useQuery({ queryKey: [...LOG_KEY, logPage], queryFn: () => api.get<Page<Delivery>>(`/api/notifications/robots/deliveries?page=${logPage}&pageSize=10`) });
  useEffect(() => {
    if (q.data) form.setFieldsValue({ items: q.data.items.map(({ hasSecret: _, ...r }) => ({ ...r, secret: undefined })) });
  }, [q.data, form]);

  const clean = (r: Robot): Robot => {
    const out: Robot = { id: r.id, channel: r.channel, name: r.name, url: r.url, enabled: !!r.enabled, kinds: r.kinds ?? [] };
    // a secret left blank keeps the stored one (it is never shown again)
    if (r.channel === 'dingtalk' && r.secret) out.secret = r.secret;
    return out;
  };
  const submit = async (v: { items?: Robot[] }) => {
    await save.run(() => api.put('/api/notifications/robots', { items: (v.items ?? []).map(clean) }), [KEY], t('common.saved'));
  };
  const test = async (index: number) => {
    try {
      const r = form.getFieldValue(['items', index]) as Robot;
      await form.validateFields([['items', index, 'name'], ['items', index, 'url']]);
      setTesting(index);
      const { kinds: _k, enabled: _e, ...body } = clean(r);
      const res = await api.post<{ ok: boolean; message: string }>('/api/notifications/robots/test', body);
      if (res.ok) message.success(res.message);
      else message.error(res.message);
      await log.refetch();
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return; // the form shows the field errors
      message.error(errorMessage(e));
    } finally {
      setTesting(null);
    }
  };
  const kindOptions = (q.data?.kinds ?? []).map((k) => ({ value: k.kind, label: k.label }));
  const statusTag = (s: Delivery['status']) =>
    s === 'sent' ? <Tag color="green">{L('已送达', 'Sent')}</Tag> : s === 'failed' ? <Tag color="red">{L('失败', 'Failed')}</Tag> : <Tag color="blue">{L('待重试', 'Retrying')}</Tag>;

  return (
    <Card
      variant="borderless"
      title={L('群机器人推送', 'Group robot push')}
      extra={<span style={{ color: '#8c8c8c' }}>{L('把系统通知推送到企业微信或钉钉群（群设置 → 群机器人 → 添加机器人，复制 Webhook 地址）', 'Push notifications to WeCom or DingTalk groups (group settings → robots → add, copy the webhook address)')}</span>}
    >
      <Form name="robots" form={form} layout="vertical" onFinish={submit} disabled={!q.data}>
        {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {fields.map((f) => (
                <Card key={f.key} size="small" data-testid="robot">
                  <Space align="start" wrap>
                    <Form.Item name={[f.name, 'channel']} label={L('平台', 'Platform')} rules={[{ required: true }]}>
                      <Select style={{ width: 120 }} options={[{ value: 'wecom', label: L('企业微信', 'WeCom') }, { value: 'dingtalk', label: L('钉钉', 'DingTalk') }]} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} label={L('名称', 'Name')} rules={[{ required: true, message: L('请填写机器人名称', 'Enter a name') }, { max: 30 }]}>
                      <Input style={{ width: 160 }} placeholder={L('如：销售群', 'e.g. Sales group')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'url']} label="Webhook" rules={[{ required: true, message: L('请填写 Webhook 地址', 'Enter the webhook address') }, { type: 'url', message: L('请填写完整的 Webhook 地址（以 https:// 开头）', 'Enter the full webhook address (https://…)') }]}>
                      <Input style={{ width: 420 }} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate={(a, b) => a.items?.[f.name]?.channel !== b.items?.[f.name]?.channel}>
                      {() =>
                        form.getFieldValue(['items', f.name, 'channel']) === 'dingtalk' ? (
                          <Form.Item
                            name={[f.name, 'secret']}
                            label={L('加签密钥', 'Signing secret')}
                            extra={q.data?.items.find((r) => r.id === form.getFieldValue(['items', f.name, 'id']))?.hasSecret ? L('已设置；留空则保持不变', 'Set; leave blank to keep') : L('钉钉安全设置选“加签”时填写（SEC 开头）', 'When the robot signs (SEC…)')}
                          >
                            <Input.Password style={{ width: 220 }} autoComplete="new-password" />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                    <Form.Item name={[f.name, 'enabled']} label={L('启用', 'On')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'kinds']} label={L('推送的通知（不选则全部推送）', 'Notifications pushed (none: all)')}>
                    <Checkbox.Group options={kindOptions} />
                  </Form.Item>
                  <Space>
                    <Button icon={<SendOutlined />} loading={testing === f.name} onClick={() => test(f.name)}>{L('发送测试消息', 'Send a test message')}</Button>
                    <Button danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>{L('删除', 'Remove')}</Button>
                  </Space>
                </Card>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({ channel: 'wecom', name: '', url: '', enabled: true, kinds: [] })}>{L('添加机器人', 'Add a robot')}</Button>
                <Button type="primary" htmlType="submit" loading={save.busy}>{L('保存推送设置', 'Save push settings')}</Button>
              </Space>
            </Space>
          )}
        </Form.List>
      </Form>
      <Table<Delivery>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="id"
        title={() => L('推送记录', 'Delivery log')}
        loading={log.isPending}
        dataSource={log.data?.items ?? []}
        pagination={{ current: logPage, pageSize: 10, total: log.data?.total ?? 0, onChange: setLogPage, showSizeChanger: false }}
        columns={[
          { title: L('时间', 'Time'), dataIndex: 'createdAt', width: 140, render: (v: string) => shanghai(v) },
          { title: L('机器人', 'Robot'), dataIndex: 'robotName', width: 140, render: (v: string, r) => `${v}（${r.channel === 'dingtalk' ? L('钉钉', 'DingTalk') : L('企业微信', 'WeCom')}）` },
          { title: L('类型', 'Kind'), dataIndex: 'kindLabel', width: 120 },
          { title: L('内容', 'Message'), dataIndex: 'title', ellipsis: true },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 90, render: statusTag },
          { title: L('次数', 'Attempts'), dataIndex: 'attempts', width: 60 },
          { title: L('失败原因', 'Error'), dataIndex: 'lastError', ellipsis: true, render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
