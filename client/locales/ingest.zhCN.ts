import type ingestEn from './ingest.en';

/** 管理页面"数据来源 API 密钥"的中文（通过 HTTP 推送事件的来源，如 CRM 的通话结果）。 */
const ingestZhCN: typeof ingestEn = {
  ingestKeys: {
    title: '数据来源 API 密钥',
    intro:
      '通过 HTTP 推送事件的来源（如 CRM 的通话结果）各用一把自己的密钥。密钥只显示一次；来源停用或密钥泄露时请撤销。',
    name: '来源名称',
    nameHint: '1–32 个字符，限 A–Z、a–z、0–9、. _ -（例如 crm）。该密钥写入的每条事件都会记录此名称。',
    createdBy: '创建人',
    created: '创建时间',
    lastUsed: '最近使用',
    never: '从未使用',
    status: '状态',
    live: '有效',
    revokedAt: '已于 {at} 撤销',
    actions: '操作',
    none: '还没有 API 密钥。',
    create: '创建密钥',
    newKey: '{name} 的 API 密钥',
    once: '此密钥只显示这一次：请立即复制到来源系统的设置中，之后无法再次查看。',
    copy: '复制',
    copied: '已复制',
    copyFailed: '复制失败：请选中密钥手动复制。',
    done: '完成',
    revoke: '撤销',
    revokeConfirm: '撤销 {name}？该来源将无法再用它推送事件。',
    confirmRevoke: '确认撤销',
    revoked: '已撤销密钥 {name}。',
  },
};

export default ingestZhCN;
