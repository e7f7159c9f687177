import type { Rng } from './random';

const words = (list: string): readonly string[] => list.split(' ');

// A floor in a mixed market: English names, Chinese names in pinyin (surname first) and in characters.
const ENGLISH_FIRST = words(
  'Emma Olivia Amelia Sophie Grace Chloe Hannah Lucy Megan Laura Jack Oliver Harry George Thomas James Daniel Ryan Liam Noah Priya Aisha Carlos Sofia Mateo Nadia Tom Kate Ben Zoe',
);
const ENGLISH_LAST = words(
  'Clarke Smith Jones Taylor Brown Wilson Evans Walker Wright Hughes Green Hall Wood Harris Martin Cooper King Baker Turner Hill Patel Khan Murphy Kelly Garcia Novak Reid Ward Price Bennett',
);
const PINYIN_SURNAMES = words('Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun');
const PINYIN_GIVEN = words('Wei Fang Na Min Jing Lei Qiang Yan Jun Xiuying Hao Yi Ting Jie Lin Tao Xin Yu Chao Mei');
const HANZI_SURNAMES = words('王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡');
const HANZI_GIVEN = words('芳 伟 娜 敏 静 磊 强 艳 军 秀英 浩 毅 婷 杰 琳 涛 欣 宇 超 梅 建华 晓明 丽娟 志强 海燕');

function candidate(rng: Rng): string {
  const style = rng.weighted([
    ['english', 45],
    ['pinyin', 30],
    ['hanzi', 25],
  ] as const);
  if (style === 'english') return `${rng.pick(ENGLISH_FIRST)} ${rng.pick(ENGLISH_LAST)}`;
  if (style === 'pinyin') return `${rng.pick(PINYIN_SURNAMES)} ${rng.pick(PINYIN_GIVEN)}`;
  return `${rng.pick(HANZI_SURNAMES)}${rng.pick(HANZI_GIVEN)}`;
}

/** `count` distinct display names (a wallboard with two "Li Wei" confuses everyone). */
export function repNames(rng: Rng, count: number): string[] {
  const taken = new Set<string>();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = candidate(rng);
    for (let tries = 0; taken.has(name) && tries < 50; tries++) name = candidate(rng);
    if (taken.has(name)) name = `${name} ${i + 1}`;
    taken.add(name);
    names.push(name);
  }
  return names;
}
