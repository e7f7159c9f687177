import { MINUTE_MS, type EpochMs } from '../../../shared/time';
import { createRng, type Rng } from './random';

/**
 * Campaigns, lists and lines of the simulated floor (issue #15): which campaign a call is for,
 * which list the customer came from, which of the floor's numbers was presented, and who was
 * called. Lists differ in quality (invalid-number rate, answer rate), one runs low, one line gets
 * flagged as spam by handset apps and its connect rate collapses.
 */

export interface ListPlan {
  id: string;
  campaign: string;
  /** Lead source or medium of the list's customers. */
  source: string;
  /** Customers on the list (sent by `list.loaded`). */
  size: number;
  /** Share of the list's numbers that are unallocated (空号). */
  invalidRate: number;
  /** Multiplies a rep's answer rate on valid numbers (a stale list answers less). */
  answerFactor: number;
  /** Relative share of the campaign's dials. */
  weight: number;
  /** Customer ids look like mobile numbers (masked on a rep's page) instead of CRM ids. */
  phoneIds: boolean;
}

export interface CampaignPlan {
  id: string;
  /** Relative share of the floor's dials. */
  weight: number;
}

export interface FloorLayout {
  campaigns: CampaignPlan[];
  lists: ListPlan[];
  /** The floor's lines (caller IDs presented to customers). */
  callerIds: string[];
  /** The line that handset apps flag as spam; null for none. */
  flaggedCallerId: string | null;
  /** The list sized to run low during the day; null for none. */
  shortList: string | null;
}

/** Dimension cardinalities for a large floor (the bench). */
export interface LayoutSize {
  campaigns: number;
  lists: number;
  callerIds: number;
  /** Customers per list. */
  customersPerList: number;
}

/**
 * What the demo floor dials: four campaigns, a clean list, a bad list (42 % of its numbers are 空号: ~35 %
 * of its dials, retries and call-backs being to numbers that exist), a short list.
 */
export function demoLayout(): FloorLayout {
  const line = (n: number) => `+86216180${String(4400 + n)}`;
  return {
    campaigns: [
      { id: 'spring-renewal', weight: 35 },
      { id: 'sme-broadband', weight: 25 },
      { id: 'cloud-pbx', weight: 25 },
      { id: 'expo-followup', weight: 15 },
    ],
    lists: [
      list('crm-renewals-2026', 'spring-renewal', 'referral', 60_000, 0.03, 1.15, 3, false),
      list('web-leads-q2', 'spring-renewal', 'web', 20_000, 0.06, 1.05, 1, true),
      list('bought-sme-0412', 'sme-broadband', 'purchased', 50_000, 0.42, 0.85, 1, true),
      list('referral-pbx-may', 'cloud-pbx', 'referral', 900, 0.04, 1.1, 3, true),
      list('web-pbx-trials', 'cloud-pbx', 'web', 30_000, 0.07, 1, 1, true),
      list('expo-shanghai-0412', 'expo-followup', 'expo', 12_000, 0.1, 0.95, 1, false),
    ],
    callerIds: Array.from({ length: 12 }, (_, i) => line(i + 1)),
    flaggedCallerId: line(4),
    shortList: 'referral-pbx-may',
  };
}

function list(
  id: string,
  campaign: string,
  source: string,
  size: number,
  invalidRate: number,
  answerFactor: number,
  weight: number,
  phoneIds: boolean,
): ListPlan {
  return { id, campaign, source, size, invalidRate, answerFactor, weight, phoneIds };
}

const SOURCES = ['web', 'referral', 'expo', 'purchased', 'partner', 'social', 'inbound-ad', 'event'] as const;

/** A layout at a given cardinality (the bench: 20 campaigns, 200 lists, 500 caller IDs), seeded. */
export function scaledLayout(size: LayoutSize, seed: number): FloorLayout {
  const rng = createRng((seed ^ 0x2545f491) >>> 0);
  const campaigns = Array.from({ length: Math.max(1, size.campaigns) }, (_, i) => ({
    id: `cmp-${String(i + 1).padStart(3, '0')}`,
    weight: rng.between(0.5, 2),
  }));
  const lists = Array.from({ length: Math.max(1, size.lists) }, (_, i) =>
    list(
      `lst-${String(i + 1).padStart(4, '0')}`,
      campaigns[i % campaigns.length]!.id,
      rng.pick(SOURCES),
      size.customersPerList,
      rng.chance(0.1) ? rng.between(0.25, 0.4) : rng.between(0.02, 0.1),
      rng.between(0.85, 1.15),
      rng.between(0.5, 2),
      rng.chance(0.7),
    ),
  );
  const callerIds = Array.from(
    { length: Math.max(1, size.callerIds) },
    (_, i) => `+8621${String(60_000_000 + i).padStart(8, '0')}`,
  );
  return { campaigns, lists, callerIds, flaggedCallerId: callerIds[3] ?? null, shortList: null };
}

/** What a dial is for and who is called (the call's context fields), plus what the network will do. */
export interface CallTarget {
  campaign: string;
  list: string;
  source: string;
  callerId: string;
  customer: string;
  contact: string;
  /** The number is unallocated (空号): the dial fails with UNALLOCATED_NUMBER. */
  invalid: boolean;
  /** Multiplies the rep's answer rate (the list's quality times the line's health). */
  answerFactor: number;
}

/** A customer to call again (a call-back due, a no-answer to retry). */
export type Customer = Pick<CallTarget, 'campaign' | 'list' | 'source' | 'customer' | 'contact' | 'invalid'> & {
  index: number;
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const EN_SURNAMES = ['Chen', 'Wong', 'Lee', 'Smith', 'Patel', 'Garcia', 'Müller', 'Kim', 'Tan', 'Ng', 'Brown'];
const COMPANIES = ['贸易', '科技', '物流', '餐饮', '咨询', '制造', '电子', '文化'];
const CITIES = ['上海', '苏州', '杭州', '南京', '无锡', '宁波'];
const EN_COMPANIES = ['Trading', 'Logistics', 'Foods', 'Tech', 'Consulting', 'Electronics'];
const EN_CITIES = ['Shanghai', 'Suzhou', 'Ningbo', 'Hangzhou'];

/** A stable hash of a list and a customer's index: the customer's traits never change. */
function customerRng(listId: string, index: number): Rng {
  let h = 0x811c9dc5;
  for (const ch of listId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return createRng((Math.imul(h ^ index, 0x9e3779b1) + index) >>> 0);
}

/** Customer `index` of a list: id, display label and whether the number is unallocated. */
export function customerOf(plan: ListPlan, index: number): Customer {
  const rng = customerRng(plan.id, index);
  const invalid = rng.chance(plan.invalidRate);
  const mobile = `1${rng.pick(['38', '39', '58', '59', '86', '88', '37', '50'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  // A CRM record id (the list's id and the row) or a mobile number, which a rep's page masks.
  const customer = plan.phoneIds ? mobile : `${plan.id}:${index + 1}`;
  const contact = rng.chance(0.6)
    ? `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士', '总', '经理'])} · ${rng.pick(CITIES)}${rng.pick(COMPANIES)}`
    : `${rng.pick(['Mr', 'Ms'])} ${rng.pick(EN_SURNAMES)} (${rng.pick(EN_CITIES)} ${rng.pick(EN_COMPANIES)})`;
  return { campaign: plan.campaign, list: plan.id, source: plan.source, customer, contact, invalid, index };
}

interface RecentDial {
  customer: Customer;
  rep: string;
  at: EpochMs;
}

export interface DialPlanOptions {
  layout: FloorLayout;
  /** When the flagged line's connect rate collapses. */
  flagAt: EpochMs;
  /**
   * Connect-rate multiplier of the flagged line after flagAt (0.2: 80 % answered becomes 16 %). At
   * 0.3 the demo's line, measured against the first half hour of a shift, was not always below
   * half its baseline within the demo's first minutes.
   */
  flaggedFactor?: number;
  /** Chance that a fresh dial goes to a customer another rep dialled minutes ago (contact frequency). */
  doubleDialRate?: number;
}

/**
 * The floor's shared dialling state: where each list's cursor stands (fresh customers are dialled
 * in list order, so a list runs dry), and the last minutes' dials (two reps on one customer).
 * Shared by every rep, advanced in the model's deterministic decision order.
 */
export class DialPlan {
  readonly layout: FloorLayout;
  private readonly cursor = new Map<string, number>();
  private readonly lists = new Map<string, ListPlan>();
  private readonly byCampaign = new Map<string, ListPlan[]>();
  private readonly recent: RecentDial[] = [];
  private readonly flagAt: EpochMs;
  private readonly flaggedFactor: number;
  private readonly doubleDialRate: number;

  constructor(o: DialPlanOptions) {
    this.layout = o.layout;
    this.flagAt = o.flagAt;
    this.flaggedFactor = o.flaggedFactor ?? 0.2;
    this.doubleDialRate = o.doubleDialRate ?? 0.006;
    for (const l of o.layout.lists) {
      this.cursor.set(l.id, 0);
      this.lists.set(l.id, l);
      const lists = this.byCampaign.get(l.campaign) ?? [];
      lists.push(l);
      this.byCampaign.set(l.campaign, lists);
    }
  }

  /** Fresh customers dialled from a list so far. */
  dialled(listId: string): number {
    return this.cursor.get(listId) ?? 0;
  }

  /** The line's health at `at`: 1, or the collapsed factor of the flagged line after its flag. */
  lineFactor(callerId: string, at: EpochMs): number {
    return callerId === this.layout.flaggedCallerId && at >= this.flagAt ? this.flaggedFactor : 1;
  }

  /** A fresh customer of the rep's next campaign (or one another rep just dialled, now and then). */
  fresh(rng: Rng, rep: string, at: EpochMs): Customer {
    while (this.recent.length > 0 && this.recent[0]!.at < at - 10 * MINUTE_MS) this.recent.shift();
    if (rng.chance(this.doubleDialRate)) {
      const others = this.recent.filter((d) => d.rep !== rep && !d.customer.invalid);
      if (others.length > 0) return rng.pick(others).customer;
    }
    const campaign = rng.weighted(this.layout.campaigns.map((c) => [c.id, c.weight] as const));
    const open = (this.byCampaign.get(campaign) ?? []).filter((l) => this.dialled(l.id) < l.size);
    const everywhere = open.length > 0 ? open : this.layout.lists.filter((l) => this.dialled(l.id) < l.size);
    // Every list dialled through (a long bench run): start the lists over.
    if (everywhere.length === 0) for (const l of this.layout.lists) this.cursor.set(l.id, 0);
    const candidates = everywhere.length > 0 ? everywhere : this.layout.lists;
    const plan = rng.weighted(candidates.map((l) => [l, l.weight] as const));
    const index = this.dialled(plan.id);
    this.cursor.set(plan.id, index + 1);
    const customer = customerOf(plan, index);
    this.recent.push({ customer, rep, at });
    if (this.recent.length > 500) this.recent.shift();
    return customer;
  }

  /** The call's full context for `customer`, on a line picked from the pool. */
  target(rng: Rng, customer: Customer, at: EpochMs): CallTarget {
    const plan = this.lists.get(customer.list);
    const callerId = rng.pick(this.layout.callerIds);
    return {
      campaign: customer.campaign,
      list: customer.list,
      source: customer.source,
      callerId,
      customer: customer.customer,
      contact: customer.contact,
      invalid: customer.invalid,
      answerFactor: (plan?.answerFactor ?? 1) * this.lineFactor(callerId, at),
    };
  }
}
