/** 历史图表的简体中文文案（issue #17）。 */
export default {
  history: {
    repTitle: '近 {days} 天',
    teamTitle: '近 {days} 天 · {team}',
    whose: '查看',
    wholeTeam: '全组',
    metricSwitch: '显示指标',
    target: '目标',
    dayOff: '（休息日）',
    loading: '正在加载近期数据…',
    failed: '无法加载历史数据：{reason}',
    empty: '这些天还没有保存的数据。',
    summaryTarget: '{actual} / 目标 {target}（{percent}）· {status}',
    summaryNoTarget: '合计 {actual} · {metric}未设目标',
    onTarget: '达成目标',
    behindTarget: '落后于目标',
    daysMet: '{measured} 天中 {met} 天达成目标',
    daysWorked: '{worked} 天有数据',
    chartText: '{title}：{summary}',
  },
};
