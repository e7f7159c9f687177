import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import RepGrid from '../../../client/components/RepGrid.vue';
import { useAlertsStore } from '../../../client/stores/alerts';
import { useFloorStore } from '../../../client/stores/floor';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { makeAlert } from '../support/alertData';
import { freshPinia, mountWithApp } from '../support/mountApp';

describe('a rep with an open alert', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function mountGrid() {
    const pinia = freshPinia();
    const floor = useFloorStore();
    floor.applySnapshot(
      makeSnapshot([makeRep({ id: 'ann', name: 'Ann Lee', team: 'north' }), makeRep({ id: 'bob', team: 'north' })]),
    );
    const alerts = useAlertsStore();
    const grid = mountWithApp(RepGrid, { pinia, props: { groups: floor.groups, alerts: alerts.activeByRep } });
    return { grid, alerts };
  }

  it('gets an outline, an icon and the word “Alert”, with the rule in its accessible name', async () => {
    const { grid, alerts } = mountGrid();
    expect(grid.findAll('.rep-tile--alert')).toHaveLength(0);

    alerts.onRaised(makeAlert({ id: 'a1', rep: 'ann', rule: 'idle' }));
    await grid.setProps({ alerts: alerts.activeByRep });

    const ann = grid.find('[data-rep="ann"]');
    expect(ann.classes()).toContain('rep-tile--alert');
    expect(ann.find('.rep-tile__alert svg').exists()).toBe(true);
    expect(ann.find('.rep-tile__alert-word').text()).toBe('Alert');
    expect(ann.attributes('aria-label')).toBe('Ann Lee, north. Alert (Warning): Available but not dialing');
    expect(grid.find('[data-rep="bob"]').classes()).not.toContain('rep-tile--alert');
  });

  it('marks critical ones apart and drops the highlight once the alert clears', async () => {
    const { grid, alerts } = mountGrid();
    alerts.onRaised(makeAlert({ id: 'a1', rep: 'ann', severity: 'critical' }));
    await grid.setProps({ alerts: alerts.activeByRep });
    expect(grid.find('[data-rep="ann"]').classes()).toContain('rep-tile--alert-critical');

    alerts.onUpdated(makeAlert({ id: 'a1', rep: 'ann', severity: 'critical', clearedAt: T0 }));
    await grid.setProps({ alerts: alerts.activeByRep });
    expect(grid.find('[data-rep="ann"]').classes()).not.toContain('rep-tile--alert');
    expect(grid.find('.rep-tile__alert').exists()).toBe(false);
  });
});
