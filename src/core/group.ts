// Items grouped by a key, each group in the order met: one helper, so a group grows by a push and
// never by copying (a year of events for thousands of schools copied on each add is quadratic).

/** Adds `item` to the list of `key` in `groups`, starting the list when the key is new. */
export function addToGroup<K, T>(groups: Map<K, T[]>, key: K, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
}
