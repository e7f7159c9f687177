/**
 * How the built server is run, by `npm start` (package.json keeps the same flags), the demo, the
 * benchmarks, the chaos suite and the browser tests. Folding a day allocates many short-lived
 * objects: a 64 MB young generation halves the scavenges (a replay of 1 M events took 12.6 s
 * with the default and 10.8 s with this, `npm run bench:restart`).
 */
export const SERVER_NODE_ARGS = ['--enable-source-maps', '--max-semi-space-size=64', 'dist/server/main.js'];
