/**
 * An immutable map with string keys kept in key order (code-unit order, as `<` compares), cheap to
 * change a little: a treap whose edits copy only the path from the root to the key, O(log n). It
 * holds what grows with a rep's day (calls, refusal reasons, call-backs), so that folding one more
 * event never costs more because the rep already has thousands: no whole-map copy, no re-sort.
 *
 * Priorities come from a hash of the key, so one set of keys always has one shape whatever order
 * it was built in: two folds of the same events give structurally equal states.
 *
 * Edits made with the same `owner` token (one fold batch) may change the nodes that token created
 * in place instead of copying them again; nodes of any earlier state have another owner and are
 * never touched, so every state handed out stays as it was.
 */
export type Owner = object;

interface Node<V> {
  key: string;
  value: V;
  /** Heap priority: hash of the key (ties broken by the key). */
  prio: number;
  left: Node<V> | null;
  right: Node<V> | null;
  owner: Owner;
}

export class SortedMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly root: Node<V> | null,
    readonly size: number,
  ) {}

  static empty<V>(): SortedMap<V> {
    return new SortedMap<V>(null, 0);
  }

  static of<V>(entries: Iterable<readonly [string, V]>): SortedMap<V> {
    const owner = {};
    let map = SortedMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value, owner);
    return map;
  }

  get(key: string): V | undefined {
    let node = this.root;
    while (node) {
      if (key === node.key) return node.value;
      node = key < node.key ? node.left : node.right;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A map with `key` set to `value`; pass the batch's owner to edit its own nodes in place. */
  set(key: string, value: V, owner: Owner = {}): SortedMap<V> {
    const added = { value: false };
    const root = insert(this.root, key, value, priority(key), owner, added);
    return new SortedMap(root, this.size + (added.value ? 1 : 0));
  }

  /** A map without `key` (this one if it has no such key). */
  delete(key: string, owner: Owner = {}): SortedMap<V> {
    if (!this.has(key)) return this;
    return new SortedMap(remove(this.root, key, owner), this.size - 1);
  }

  /** The largest key, or undefined when empty: O(log n). */
  lastKey(): string | undefined {
    let node = this.root;
    while (node?.right) node = node.right;
    return node?.key;
  }

  /** The first `limit` entries in key order: O(limit + log n). */
  first(limit: number): [string, V][] {
    const out: [string, V][] = [];
    for (const entry of this.entries()) {
      if (out.length >= limit) break;
      out.push(entry);
    }
    return out;
  }

  *entries(): MapIterator<[string, V]> {
    const stack: Node<V>[] = [];
    let node = this.root;
    while (node || stack.length > 0) {
      while (node) {
        stack.push(node);
        node = node.left;
      }
      node = stack.pop()!;
      yield [node.key, node.value];
      node = node.right;
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /** In key order, without a generator (the fast way to visit every entry). */
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    const stack: Node<V>[] = [];
    let node = this.root;
    while (node || stack.length > 0) {
      while (node) {
        stack.push(node);
        node = node.left;
      }
      node = stack.pop()!;
      fn(node.value, node.key, this);
      node = node.right;
    }
  }

  /** The entries with `from <= key < until`, in key order: O(log n + entries). */
  range(from: string, until: string): [string, V][] {
    const out: [string, V][] = [];
    const visit = (node: Node<V> | null): void => {
      if (!node) return;
      if (from < node.key) visit(node.left);
      if (from <= node.key && node.key < until) out.push([node.key, node.value]);
      if (node.key < until) visit(node.right);
    };
    visit(this.root);
    return out;
  }

  /** Test support: how many nodes of this map another map does not share (what an edit copied). */
  nodesNotIn(other: SortedMap<V>): number {
    const shared = new Set<Node<V>>();
    walk(other.root, (node) => shared.add(node));
    let count = 0;
    walk(this.root, (node) => void (shared.has(node) || count++));
    return count;
  }
}

function walk<V>(root: Node<V> | null, visit: (node: Node<V>) => void): void {
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if (node.left) stack.push(node.left);
    if (node.right) stack.push(node.right);
  }
}

/** FNV-1a over the key's UTF-16 code units. */
function priority(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const above = <V>(a: Node<V>, b: Node<V>) => a.prio > b.prio || (a.prio === b.prio && a.key < b.key);

function own<V>(node: Node<V>, owner: Owner): Node<V> {
  if (node.owner === owner) return node;
  // A literal of the same shape, not a spread: this is the fold's hottest allocation.
  return { key: node.key, value: node.value, prio: node.prio, left: node.left, right: node.right, owner };
}

function insert<V>(
  node: Node<V> | null,
  key: string,
  value: V,
  prio: number,
  owner: Owner,
  added: { value: boolean },
): Node<V> {
  if (!node) {
    added.value = true;
    return { key, value, prio, left: null, right: null, owner };
  }
  const next = own(node, owner);
  if (key === node.key) {
    next.value = value;
    return next;
  }
  if (key < node.key) {
    const left = insert(node.left, key, value, prio, owner, added);
    next.left = left;
    if (!above(left, next)) return next;
    next.left = left.right; // rotate right: `left` is owned (just returned by insert)
    left.right = next;
    return left;
  }
  const right = insert(node.right, key, value, prio, owner, added);
  next.right = right;
  if (!above(right, next)) return next;
  next.right = right.left;
  right.left = next;
  return right;
}

/** The treap without `key`, which it holds. */
function remove<V>(node: Node<V> | null, key: string, owner: Owner): Node<V> | null {
  if (!node) return null;
  if (key === node.key) return join(node.left, node.right, owner);
  const next = own(node, owner);
  if (key < node.key) next.left = remove(node.left, key, owner);
  else next.right = remove(node.right, key, owner);
  return next;
}

/** Joins two treaps whose keys are all of `a` before all of `b`. */
function join<V>(a: Node<V> | null, b: Node<V> | null, owner: Owner): Node<V> | null {
  if (!a) return b;
  if (!b) return a;
  if (above(a, b)) {
    const next = own(a, owner);
    next.right = join(a.right, b, owner);
    return next;
  }
  const next = own(b, owner);
  next.left = join(a, b.left, owner);
  return next;
}
