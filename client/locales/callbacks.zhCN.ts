/** 预约回访台账的简体中文文案（issue #16）。 */
export default {
  callbacks: {
    done: '已回访',
    cancel: '取消',
    doneLabel: '将对 {who} 的预约回访标记为已完成',
    cancelLabel: '取消对 {who} 的预约回访',
    actionFailed: '未更改：{reason}',
    reminder: '回访已逾期：{who}，原定 {time}',
    dismiss: '关闭',
    teamTitle: '团队预约回访',
    teamEmpty: '团队暂无待回访',
    rep: '坐席',
    due: '回访时间',
    contact: '联系人',
    reassign: '转派',
    reassignTo: '转派给',
    reassignLabel: '将对 {who} 的预约回访转派他人',
    overdueBy: '逾期 {n} 条',
    overdueCount: '逾期回访：{n}',
    loadFailed: '无法加载预约回访：{reason}',
  },
};
