/** English wording of the admin screen's sources of call events (adapters and HTTP keys). */
export default {
  sources: {
    title: 'Sources',
    intro:
      'Each phone system adapter and API key that writes call events. A live source silent for {minutes} min during the shift, or disconnected, raises an alert.',
    source: 'Source',
    kind: 'Kind',
    kindAdapter: 'Adapter',
    kindHttp: 'HTTP (API key)',
    status: 'Status',
    lastEvent: 'Last event',
    perMinute: 'Events / min',
    errorsPerMinute: 'Errors / min',
    lastError: 'Last error',
    never: 'Never',
    ago: '{age} ago',
    none: 'No sources have reported yet: start one with npm run adapter, or create an API key.',
    state: {
      connected: 'Connected',
      disconnected: 'Disconnected',
      not_reporting: 'Not reporting',
      silent: 'Silent',
      ended: 'Finished',
      keyActive: 'Key active',
      keyRevoked: 'Key revoked',
    },
  },
};
