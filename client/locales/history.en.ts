/** English wording of the history charts (issue #17). */
export default {
  history: {
    repTitle: 'Last {days} days',
    teamTitle: 'Last {days} days · {team}',
    whose: 'Show',
    wholeTeam: 'Whole team',
    metricSwitch: 'Figure shown',
    target: 'Target',
    dayOff: '(day off)',
    loading: 'Loading the last days…',
    failed: 'Could not load the history: {reason}',
    empty: 'No figures saved for these days yet.',
    summaryTarget: '{actual} of {target} target ({percent}) · {status}',
    summaryNoTarget: '{actual} in total · no target is set for {metric}',
    onTarget: 'on target',
    behindTarget: 'behind target',
    daysMet: 'target met on {met} of {measured} days',
    daysWorked: '{worked} days with figures',
    chartText: '{title}: {summary}',
  },
};
