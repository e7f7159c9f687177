import { computed, inject, ref } from 'vue';
import type { ComputedRef } from 'vue';
import { routeLocationKey, routerKey } from 'vue-router';
import type { LocationQuery } from 'vue-router';
import { OTHER_BUCKET } from '../../shared/contracts/campaigns';

/** The query parameter a page's campaign filter lives in, so a link keeps it. */
export const CAMPAIGN_QUERY = 'campaign';

/** `?campaign=ID` of a route: the first value, or null when absent, empty or the "other" bucket. */
export function campaignOf(query: LocationQuery): string | null {
  const raw = query[CAMPAIGN_QUERY];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && value !== '' && value !== OTHER_BUCKET ? value : null;
}

/** The query with the campaign set (or removed, with null), every other parameter kept. */
export function withCampaign(query: LocationQuery, campaign: string | null): LocationQuery {
  const next = { ...query };
  if (campaign === null) delete next[CAMPAIGN_QUERY];
  else next[CAMPAIGN_QUERY] = campaign;
  return next;
}

export interface CampaignFilter {
  /** The campaign the page follows; null: all campaigns. */
  campaign: ComputedRef<string | null>;
  set: (campaign: string | null) => void;
}

/**
 * A page's campaign filter, kept in the URL's query (`?campaign=ID`) so a link or a reload keeps
 * it. Without a router (a view mounted alone, as in the DOM tests) it is kept in memory.
 */
export function useCampaignFilter(): CampaignFilter {
  const route = inject(routeLocationKey, null);
  const router = inject(routerKey, null);
  const local = ref<string | null>(null);
  const campaign = computed(() => (route ? campaignOf(route.query) : local.value));
  function set(next: string | null): void {
    const value = next === '' || next === OTHER_BUCKET ? null : next;
    if (value === campaign.value) return;
    if (route && router) void router.replace({ query: withCampaign(route.query, value) });
    else local.value = value;
  }
  return { campaign, set };
}
