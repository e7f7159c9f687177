/**
 * What `npm run screens` captures beside the floor, console, phone and login screens: the
 * supervisor's desk pages of issues #15 and #16 and the TV panels, each with what to wait for
 * before the shot (the page's data drawn, not its loading state). One list, so a unit test can
 * hold it to the router and the run cannot drop a page silently.
 */
export interface DeskScreen {
  /** The file name's last part. */
  name: string;
  path: string;
  /** A selector that is there once the page shows its data. */
  ready: string;
}

export const SUPERVISOR_DESK_SCREENS: readonly DeskScreen[] = [
  { name: 'campaigns', path: '/campaigns', ready: '.campaign-funnel, .campaigns-view .campaigns-muted' },
  { name: 'feedback', path: '/feedback', ready: '.feedback-view__codes' },
  { name: 'handoffs', path: '/handoffs', ready: '[data-test="handoff-counts"]' },
];

export interface TvPanel {
  /** The panel's id in `/tv?pin=ID`. */
  pin: string;
  ready: string;
  /** Only on a TV a supervisor opened (a kiosk may not read it). */
  supervisorOnly: boolean;
}

export const TV_PANELS: readonly TvPanel[] = [
  { pin: 'floor', ready: '.tv-floor [data-rep]', supervisorOnly: false },
  { pin: 'alerts', ready: '.tv-alerts', supervisorOnly: false },
  { pin: 'campaigns', ready: '.tv-campaigns', supervisorOnly: true },
];
