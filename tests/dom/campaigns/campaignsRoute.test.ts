import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../../../client/router';
import type { Viewer } from '../../../shared/domain/viewer';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';
import { KIOSK, LEAD, REP, SUPERVISOR } from '../support/viewers';

async function open(viewer: Viewer, path: string) {
  freshPinia(); // a fresh session for each viewer
  stubFetch({ 'GET /api/auth/session': json(200, { viewer }) });
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  return router.currentRoute.value.fullPath;
}

describe('the campaigns route', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens for supervisors and leads; reps and kiosks go to their own page', async () => {
    expect(await open(SUPERVISOR, '/campaigns')).toBe('/campaigns');
    expect(await open(LEAD, '/campaigns')).toBe('/campaigns');
    expect(await open(REP, '/campaigns')).toBe('/me');
    expect(await open(KIOSK, '/campaigns')).toBe('/floor');
  });

  it('keeps a campaign filter in a link through the guard', async () => {
    expect(await open(SUPERVISOR, '/trends?campaign=spring&team=north')).toBe('/trends?campaign=spring&team=north');
    expect(await open(LEAD, '/team/north?campaign=spring')).toBe('/team/north?campaign=spring');
  });
});
