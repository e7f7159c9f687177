/** 管理页营销活动目标编辑的简体中文文案（issue #15 第 4 项）。 */
export default {
  campaignTargets: {
    title: '营销活动目标',
    intro:
      '按营销活动设置日目标，与现场、小组和坐席目标并列：营销活动页显示每个营销活动的目标进度。留空表示该指标不设目标。法定节假日营销活动目标为 0。',
    campaign: '营销活动',
    newCampaign: '新营销活动 ID',
    newHint: '为今天尚未外呼的营销活动设置目标：1–64 个字母、数字、“.”、“_” 或 “-”。',
    badId: '营销活动 ID 须为 1–64 个字母、数字、“.”、“_” 或 “-”。',
    none: '今天还没有外呼过的营销活动，也没有设置过营销活动目标。',
    save: '保存',
    saveRow: '保存 {campaign} 的目标',
    saved: '{campaign} 的目标已保存。',
    notANumber: '{metric} 必须是 0 到 1,000,000,000 之间的数字。',
    failed: '未保存：{reason}',
    loadCampaignsFailed: '无法读取今天的营销活动（{reason}）；下面列出已设置目标的营销活动。',
  },
};
