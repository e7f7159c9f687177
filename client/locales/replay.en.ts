/** English wording of floor replay (issue #17). */
export default {
  replay: {
    nav: 'Replay',
    banner: 'REPLAY — {time}, {date}',
    notLive: 'Not live: the floor as it was at that moment',
    controls: 'Replay controls',
    day: 'Day',
    time: 'Time of day',
    back: '{minutes} min back',
    forward: '{minutes} min forward',
    minutes: '{minutes} min',
    play: 'Play (60×)',
    pause: 'Pause',
    loading: 'Loading the replay…',
    empty: 'Nobody was on the floor at this moment',
    noDays: 'The stream holds no days to replay yet',
    failed: 'The replay could not be loaded',
  },
};
