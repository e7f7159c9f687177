import type coachingEn from './coaching.en';

/** 闭环辅导（issue #17）的简体中文文案：留言所针对的指标在留言前后的变化。 */
export default {
  noteMetric: {
    label: '针对指标（可选）',
    none: '不针对指标',
    connect_rate: '接通率',
    effective_rate: '有效通话率',
    talk_per_connect: '平均通话时长',
    lead_rate: '意向率',
    conversion: '成交转化率',
    hint: {
      connect_rate: '接通 / 外呼',
      effective_rate: '有效通话 / 接通',
      talk_per_connect: '通话时长 / 接通',
      lead_rate: '意向客户 / 接通',
      conversion: '成交 / 接通',
    },
  },
  coachingEffects: {
    title: '辅导是否带来变化？',
    loadFailed: '无法加载辅导效果：{reason}',
    empty: '最近 {days} 天没有针对指标的辅导留言',
    rule: '每条留言：比较坐席留言前最多 {max} 通电话与留言后同样数量的电话（至少 {min} 通）；变化在 ±{rate} 个百分点以内（通话时长 ±{talk}）视为“无变化”。',
    groups: {
      flat: '无变化（{n}）',
      moved: '有变化（{n}）',
      waiting: '通话数尚不足（{n}）',
      gone: '通话记录已不保留（{n}）',
    },
    status: {
      up: '上升',
      down: '下降',
      flat: '无变化',
      waiting: '通话数尚不足',
      gone: '通话记录已不保留',
    },
    about: '{metric}（{definition}）',
    beforeAfter: '{before} → {after}，前后各 {n} 通',
    change: '{change}',
    team: '同期组内其他坐席：{before} → {after}',
    teamNone: '同期组内其他坐席：无通话',
    waitingFor: '留言后已有 {n} 通，需 {min} 通',
    goneHint: '留言早于现场保留的通话记录。',
    points: '{sign}{n} 个百分点',
    from: '{author}，{when}',
  },
} satisfies typeof coachingEn;
