import { elapsedSeconds, formatTimer } from '../format';
import type { EpochMs } from '../../shared/time';

interface TimerEntry {
  since: EpochMs;
  /** The text node the timer writes to (the element's only child). */
  node: Text;
  /** What the node shows, so an unchanged second is not written again. */
  text: string;
  scope: TimerScope;
}

/** Timers watched for visibility together: those inside one `[data-timer-scope]` element, or a timer alone. */
interface TimerScope {
  el: Element;
  /** On screen (or near it), as the IntersectionObserver last said; true until it says otherwise. */
  visible: boolean;
  entries: Set<TimerEntry>;
}

/** Margin around the viewport in which a timer counts as visible, so it is current before it scrolls in. */
const ROOT_MARGIN = '200px';

/** Marks an element (e.g. a team's section of tiles) whose timers are shown or hidden together. */
export const TIMER_SCOPE_ATTRIBUTE = 'data-timer-scope';

/**
 * The one owner of every live timer text (`m:ss` since a moment) on the page. Elements register
 * with the moment they count from; the shared clock calls `paint(now)` once a second and the
 * owner writes the text of the timers on screen, straight into their text nodes: no component,
 * computed or render job per timer, and no DOM write for a second that shows the same text.
 * A timer off screen is brought up to date as soon as it scrolls into view.
 *
 * Visibility is watched per scope (the closest `[data-timer-scope]` ancestor, e.g. a team of
 * 50 tiles), not per timer: an IntersectionObserver with a thousand targets costs milliseconds
 * every frame.
 */
export class TimerTexts {
  private readonly entries = new Map<Element, TimerEntry>();
  private readonly scopes = new Map<Element, TimerScope>();
  private observer: IntersectionObserver | null | undefined;
  private now: EpochMs;

  constructor(now: EpochMs) {
    this.now = now;
  }

  /** Number of registered timers (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  add(el: Element, since: EpochMs): void {
    this.remove(el);
    const scopeEl = el.closest(`[${TIMER_SCOPE_ATTRIBUTE}]`) ?? el;
    let scope = this.scopes.get(scopeEl);
    if (!scope) {
      scope = { el: scopeEl, visible: true, entries: new Set() };
      this.scopes.set(scopeEl, scope);
      this.intersections()?.observe(scopeEl);
    }
    const text = this.textAt(since);
    const node = document.createTextNode(text);
    el.replaceChildren(node);
    const entry = { since, node, text, scope };
    scope.entries.add(entry);
    this.entries.set(el, entry);
  }

  /** The moment changed (e.g. a new status): shown at once, visible or not. */
  update(el: Element, since: EpochMs): void {
    const entry = this.entries.get(el);
    if (!entry || entry.since === since) return;
    entry.since = since;
    this.write(entry);
  }

  remove(el: Element): void {
    const entry = this.entries.get(el);
    if (!entry) return;
    this.entries.delete(el);
    const { scope } = entry;
    scope.entries.delete(entry);
    if (scope.entries.size > 0) return;
    this.scopes.delete(scope.el);
    this.observer?.unobserve(scope.el);
  }

  /** Once a second, from the shared clock: the timers on screen show `now`. */
  paint(now: EpochMs): void {
    this.now = now;
    for (const scope of this.scopes.values()) {
      if (scope.visible) for (const entry of scope.entries) this.write(entry);
    }
  }

  private write(entry: TimerEntry): void {
    const text = this.textAt(entry.since);
    if (text === entry.text) return;
    entry.text = text;
    entry.node.data = text;
  }

  private textAt(since: EpochMs): string {
    return formatTimer(elapsedSeconds(since, this.now));
  }

  /** Created on first use; none where the browser has no IntersectionObserver (every timer then counts as visible). */
  private intersections(): IntersectionObserver | null {
    if (this.observer !== undefined) return this.observer;
    if (typeof IntersectionObserver === 'undefined') return (this.observer = null);
    this.observer = new IntersectionObserver(
      (records) => {
        for (const record of records) {
          const scope = this.scopes.get(record.target);
          if (!scope) continue;
          scope.visible = record.isIntersecting;
          if (scope.visible) for (const entry of scope.entries) this.write(entry);
        }
      },
      { rootMargin: ROOT_MARGIN },
    );
    return this.observer;
  }
}
