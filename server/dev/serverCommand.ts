/**
 * How the built server is run, by `npm start` (package.json keeps the same flags), the demo, the
 * benchmarks, the chaos suite and the browser tests. Folding a day allocates many short-lived
 * objects: a 64 MB young generation halved the scavenges (a replay of 1 M events took 12.6 s
 * with the default and 10.8 s with 64 MB, `npm run bench:restart`), but V8 keeps the young
 * generation it grew committed, and live, under load, that was the largest share of the RSS
 * beyond the live heap (issue #13: 1,000 rep pages at 400 ev/s, RSS 229-310 MB with 64 MB, 163 MB
 * with 16 MB). A restart replays from a checkpoint in under 2 s either way: 16 MB.
 * No `--enable-source-maps`: engine.io reads the stack of every failed write, and thousands of
 * sockets dropping at once made thousands of stacks mapped through the bundle's source map
 * (README, "Production").
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=16', 'dist/server/main.js'];
