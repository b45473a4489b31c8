import { z } from 'zod';

// Group robots (群机器人): what the admin page sends and gets. Messages for a user are Chinese.
export const robotChannels = ['wecom', 'dingtalk'] as const;

// z.url (not a refine), so the schema says what a valid address is (the whole-API tests build samples from it)
const webhookUrl = z
  .url({ protocol: /^https?$/, error: '请填写完整的 Webhook 地址（以 https:// 开头）' })
  .max(500, { message: 'Webhook 地址不能超过 500 个字符' });

const robotBase = {
  channel: z.enum(robotChannels, { message: '请选择企业微信或钉钉' }),
  name: z.string().trim().min(1, { message: '请填写机器人名称' }).max(30, { message: '名称不能超过 30 个字' }),
  url: webhookUrl,
  /** DingTalk 加签 secret; left out: keep the stored one; '': remove it */
  secret: z.string().trim().max(100, { message: '加签密钥不能超过 100 个字符' }).optional(),
};

export const robotIn = z.object({
  id: z.number().int().positive().optional(),
  ...robotBase,
  enabled: z.boolean(),
  /** notification kinds pushed; empty: all */
  kinds: z.array(z.string().max(40)).max(30),
});
export type RobotIn = z.infer<typeof robotIn>;

export const robotsBody = z.object({ items: z.array(robotIn).max(10, { message: '最多设置 10 个机器人' }) });

export const robotOut = z.object({
  id: z.number(),
  channel: z.enum(robotChannels),
  name: z.string(),
  url: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  kinds: z.array(z.string()),
});
export type RobotOut = z.infer<typeof robotOut>;

export const robotsOut = z.object({ items: z.array(robotOut), kinds: z.array(z.object({ kind: z.string(), label: z.string() })) });

export const robotTestIn = z.object({ id: z.number().int().positive().optional(), ...robotBase });
export type RobotTestIn = z.infer<typeof robotTestIn>;
export const robotTestOut = z.object({ ok: z.boolean(), status: z.number().nullable(), message: z.string() });

export const deliveriesQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const deliveryOut = z.object({
  id: z.number(),
  robotId: z.number().nullable(),
  channel: z.string(),
  robotName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  responseStatus: z.number().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string(),
});
export const deliveriesPage = z.object({ items: z.array(deliveryOut), total: z.number(), page: z.number(), pageSize: z.number() });
