// The name the adapter runner's registry loads (`./csv/adapter`).
export { csvAdapter } from './index';
