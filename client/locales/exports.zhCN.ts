import type en from './exports.en';

/** 导出控件的中文文案（issue #17：CSV 与 XLSX 导出）。 */
export default {
  exports: {
    button: '导出',
    title: '导出为表格',
    what: '内容',
    format: '文件',
    from: '开始日期',
    to: '结束日期',
    download: '下载',
    kinds: {
      reps: '坐席日报（每人每天）',
      campaigns: '营销活动日报',
      callbacks: '预约回访',
      handoffs: '线索移交',
    },
    formats: { csv: 'CSV', xlsx: 'Excel（XLSX）' },
    scopeTeam: '仅团队 {team}',
    scopeFloor: '整个销售现场',
    invalid: '请选择开始日期和结束日期。',
    backwards: '结束日期早于开始日期。',
    tooLong: '一次最多导出 {max} 天。',
    privacy: '不导出客户号码、客户编号或联系人姓名。',
  },
} satisfies typeof en;
