import { watch } from 'vue';
import type { Router } from 'vue-router';
import { useAlertsStore } from '../stores/alerts';
import { useBoardsStore } from '../stores/boards';
import { useCampaignFloorStore } from '../stores/campaignFloor';
import { useCampaignsStore } from '../stores/campaigns';
import { useConnectionStore } from '../stores/connection';
import { useFloorStore } from '../stores/floor';
import { useHistoryStore } from '../stores/history';
import { useNotesStore } from '../stores/notes';
import { useSessionStore } from '../stores/session';
import type { RealtimeSocket } from './socket';

/**
 * The socket follows the session: it connects once someone (or a wallboard TV) is signed in,
 * and on sign-out or when the server ends the session it disconnects, the data on screen is
 * dropped and the page goes to /login. Returns a function that stops following.
 */
export function followSession(socket: RealtimeSocket, router: Router): () => void {
  const session = useSessionStore();
  const connection = useConnectionStore();
  const floor = useFloorStore();
  const notes = useNotesStore();
  const alerts = useAlertsStore();
  const boards = useBoardsStore();
  const campaigns = useCampaignsStore();
  const campaignFloor = useCampaignFloorStore();
  const history = useHistoryStore();

  return watch(
    () => session.viewer,
    (viewer, previous) => {
      if (viewer) {
        if (previous) return; // same session, a fresher copy of the viewer
        connection.reset();
        socket.connect();
        return;
      }
      socket.disconnect();
      connection.markDisconnected();
      // Nothing of the last person's may stay in memory for whoever signs in next in this tab.
      floor.reset();
      notes.reset();
      alerts.reset();
      boards.reset();
      campaigns.reset();
      campaignFloor.reset();
      history.reset();
      const current = router.currentRoute.value;
      if (current.name === 'login') return;
      // Ended by the server (expiry, revocation): signing in again leads back to the same page.
      const query = session.ended && current.name !== 'home' ? { redirect: current.fullPath } : {};
      void router.replace({ name: 'login', query });
    },
    // Sync: the socket must be connecting before anything else reacts to the new session.
    { flush: 'sync', immediate: session.viewer !== null },
  );
}
