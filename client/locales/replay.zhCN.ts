/** 现场回放（issue #17）的中文文案。 */
export default {
  replay: {
    nav: '现场回放',
    banner: '回放 — {date} {time}',
    notLive: '非实时：这是当时的现场',
    controls: '回放控制',
    day: '营业日',
    time: '时间',
    back: '后退 {minutes} 分钟',
    forward: '前进 {minutes} 分钟',
    minutes: '{minutes} 分钟',
    play: '播放（60 倍速）',
    pause: '暂停',
    loading: '正在加载回放…',
    empty: '此刻现场没有坐席',
    noDays: '暂无可回放的营业日',
    failed: '无法加载回放',
  },
};
