import type { Adapter } from './types';

/** Every source `npm run adapter -- <source>` knows, loaded when named. One line per source. */
export const ADAPTERS: Readonly<Record<string, () => Promise<Adapter>>> = {
  asterisk: async () => (await import('./asterisk/adapter')).asteriskAdapter,
  freeswitch: async () => (await import('./freeswitch/adapter')).freeswitchAdapter,
  csv: async () => (await import('./csv/adapter')).csvAdapter,
};
