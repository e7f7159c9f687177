/** English wording of the campaign targets editor on the admin page (issue #15 item 4). */
export default {
  campaignTargets: {
    title: 'Campaign targets',
    intro:
      'Daily targets per campaign, beside the floor’s, the teams’ and the reps’: the Campaigns screen shows each campaign’s progress to them. An empty field sets no target for that figure. On a public holiday a campaign is asked for nothing.',
    campaign: 'Campaign',
    newCampaign: 'New campaign id',
    newHint: 'Set targets for a campaign not dialled yet today: 1–64 letters, digits, “.”, “_” or “-”.',
    badId: 'A campaign id is 1–64 letters, digits, “.”, “_” or “-”.',
    none: 'No campaign dialled today and no campaign target set yet.',
    save: 'Save',
    saveRow: 'Save the targets of {campaign}',
    saved: 'Targets of {campaign} saved.',
    notANumber: '{metric} must be a number from 0 to 1,000,000,000.',
    failed: 'Not saved: {reason}',
    loadCampaignsFailed: 'Today’s campaigns could not be read ({reason}); campaigns with targets are listed.',
  },
};
