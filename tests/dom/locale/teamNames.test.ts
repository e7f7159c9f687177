import { afterEach, describe, expect, it, vi } from 'vitest';
import TeamNamesSection from '../../../client/components/admin/TeamNamesSection.vue';
import LeaderboardTable from '../../../client/components/leaderboard/LeaderboardTable.vue';
import AlertItem from '../../../client/components/alerts/AlertItem.vue';
import { bindRealtime } from '../../../client/realtime/bindRealtime';
import { useTeamsStore } from '../../../client/stores/teams';
import { useSessionStore } from '../../../client/stores/session';
import { SUPERVISOR } from '../support/viewers';
import { useFloorStore } from '../../../client/stores/floor';
import FloorWallboardView from '../../../client/views/FloorWallboardView.vue';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { FakeSocket } from '../support/fakeSocket';
import { makeAlert } from '../support/alertData';
import { makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

const NAMES = {
  teams: [
    { id: 'north', name: 'Tigers 老虎队' },
    { id: '__proto__', name: '<b>Proto</b>' },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('team display names on screen', () => {
  it('loads the names when the socket connects and again on teams:changed', async () => {
    let answer = NAMES;
    const calls = stubFetch({ 'GET /api/teams': () => json(200, answer) });
    freshPinia();
    useSessionStore().viewer = SUPERVISOR;
    const socket = new FakeSocket();
    bindRealtime(socket.asSocket());
    socket.serverSends('connect');
    await settle();
    const teams = useTeamsStore();
    expect(teams.nameOf('north')).toBe('Tigers 老虎队');
    expect(teams.nameOf('__proto__')).toBe('<b>Proto</b>');
    expect(teams.nameOf('south')).toBe('south');
    answer = { teams: [{ id: 'north', name: 'Lions' }] };
    socket.serverSends('teams:changed');
    await settle();
    expect(teams.nameOf('north')).toBe('Lions');
    expect(teams.nameOf('__proto__')).toBe('__proto__');
    expect(calls.filter((c) => c.path === '/api/teams')).toHaveLength(2);
  });

  it('shows the name, else the id, on the wall, a leaderboard and an alert (as text)', () => {
    const pinia = freshPinia();
    useTeamsStore().applyName('north', 'Tigers 老虎队');
    useTeamsStore().applyName('__proto__', '<b>Proto</b>');
    useFloorStore().applySnapshot(
      makeSnapshot([
        makeRep({ id: 'r1', name: 'Ann', team: 'north' }),
        makeRep({ id: 'r2', name: 'Bob', team: 'south' }),
        makeRep({ id: 'r3', name: 'Cy', team: '__proto__' }),
      ]),
    );
    const wall = mountWithApp(FloorWallboardView, { pinia });
    const headings = wall.findAll('section.team h2').map((h) => h.text());
    expect(headings).toContain('Tigers 老虎队');
    expect(headings).toContain('south');
    expect(headings).toContain('<b>Proto</b>');
    expect(wall.find('section.team b').exists()).toBe(false);
    expect(wall.find('.rep-tile[data-rep="r1"]').attributes('aria-label')).toBe('Ann, Tigers 老虎队');
    wall.unmount();

    const board = mountWithApp(LeaderboardTable, {
      pinia,
      props: {
        metric: 'deals',
        showTeam: true,
        rows: [
          { position: 1, rank: 1, tied: false, rep: 'r1', name: 'Ann', team: 'north', value: 2, movement: 0 },
          { position: 2, rank: 2, tied: false, rep: 'r2', name: 'Bob', team: 'south', value: 1, movement: 0 },
        ],
      },
    });
    expect(board.findAll('.board-table__team').map((c) => c.text())).toEqual(['Tigers 老虎队', 'south']);
    board.unmount();

    const alert = mountWithApp(AlertItem, { pinia, props: { alert: makeAlert({ id: 'a', team: 'north' }) } });
    expect(alert.find('.alert-item__team').text()).toContain('Tigers 老虎队');
  });

  it('lets a supervisor name and clear a team from the admin screen, and shows the server’s refusal', async () => {
    const calls = stubFetch({
      'PUT /api/teams/north/name': (body) =>
        (body as { name: string | null }).name === 'x'.repeat(50)
          ? json(400, { error: 'name: must be at most 40 characters' })
          : json(200, { id: 'north', name: (body as { name: string | null }).name?.trim() ?? 'north' }),
    });
    const pinia = freshPinia();
    const section = mountWithApp(TeamNamesSection, { pinia });
    await section.find('input[name="team-id"]').setValue('north');
    await section.find('input[name="team-name"]').setValue('  Tigers ');
    await section.find('form').trigger('submit');
    await settle();
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', path: '/api/teams/north/name', body: { name: '  Tigers ' } });
    expect(useTeamsStore().nameOf('north')).toBe('Tigers');
    expect(section.find('[role="status"]').text()).toContain('Tigers');
    expect(section.find('tr[data-team="north"]').text()).toContain('Tigers');

    await section.find('input[name="team-name"]').setValue('x'.repeat(50));
    await section.find('form').trigger('submit');
    await settle();
    expect(section.find('[role="alert"]').text()).toContain('at most 40 characters');
    expect(useTeamsStore().nameOf('north')).toBe('Tigers');

    const clear = section.findAll('button').find((b) => b.text() === 'Clear name')!;
    await clear.trigger('click');
    await settle();
    expect(calls.at(-1)!.body).toEqual({ name: null });
    expect(useTeamsStore().nameOf('north')).toBe('north');
  });
});
