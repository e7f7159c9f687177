/** 管理页“数据源”（话务系统适配器与 API 密钥）的简体中文文案。 */
export default {
  sources: {
    title: '数据源',
    intro:
      '写入通话事件的每个话务系统适配器和 API 密钥。在班次内静默超过 {minutes} 分钟或断开连接的实时数据源会触发提醒。',
    source: '数据源',
    kind: '类型',
    kindAdapter: '适配器',
    kindHttp: 'HTTP（API 密钥）',
    status: '状态',
    lastEvent: '最近事件',
    perMinute: '事件数/分钟',
    errorsPerMinute: '错误数/分钟',
    lastError: '最近错误',
    never: '从未',
    ago: '{age}前',
    none: '尚无数据源上报：用 npm run adapter 启动适配器，或创建 API 密钥。',
    state: {
      connected: '已连接',
      disconnected: '已断开',
      not_reporting: '未上报',
      silent: '静默',
      ended: '已结束',
      keyActive: '密钥有效',
      keyRevoked: '密钥已吊销',
    },
  },
};
