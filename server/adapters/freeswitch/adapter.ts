// The name the adapter runner's registry loads (`./freeswitch/adapter`).
export { freeswitchAdapter } from './index';
