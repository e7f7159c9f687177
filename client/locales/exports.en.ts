/** English wording of the export control (issue #17: CSV and XLSX exports). */
export default {
  exports: {
    button: 'Export',
    title: 'Export to a spreadsheet',
    what: 'What',
    format: 'File',
    from: 'From',
    to: 'To',
    download: 'Download',
    kinds: {
      reps: 'Reps per day',
      campaigns: 'Campaigns per day',
      callbacks: 'Call-backs',
      handoffs: 'Lead handoffs',
    },
    formats: { csv: 'CSV', xlsx: 'Excel (XLSX)' },
    scopeTeam: 'Team {team} only',
    scopeFloor: 'The whole floor',
    invalid: 'Pick a start and an end date.',
    backwards: 'The end date is before the start date.',
    tooLong: 'A range covers at most {max} days.',
    privacy: 'No customer numbers, customer ids or contact names are exported.',
  },
};
