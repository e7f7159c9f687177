/** English wording of the call-back ledger (issue #16). */
export default {
  callbacks: {
    done: 'Done',
    cancel: 'Cancel',
    doneLabel: 'Mark the call-back to {who} done',
    cancelLabel: 'Cancel the call-back to {who}',
    actionFailed: 'Not changed: {reason}',
    reminder: 'Call-back overdue: {who}, due {time}',
    dismiss: 'Dismiss',
    teamTitle: 'Team call-backs',
    teamEmpty: 'No open call-backs in the team',
    rep: 'Rep',
    due: 'Due',
    contact: 'Contact',
    reassign: 'Reassign',
    reassignTo: 'Reassign to',
    reassignLabel: 'Reassign the call-back to {who}',
    overdueBy: '{n} overdue',
    overdueCount: 'Call-backs overdue: {n}',
    loadFailed: 'Could not load call-backs: {reason}',
  },
};
