// `extends:`: a trust's config over a preset (or another config). Settings merge key by key;
// tiers, their rules and calendar activities merge item by item by id (rules by id, else by name),
// so a trust changes one rule without copying the rest. `remove: true` drops an item.

type Json = Record<string, unknown>;
type Path = (string | number)[];

const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists merged item by item, and the key that matches an item of the override to one of the base. */
const KEYED: { path: string; key: (item: Json) => unknown }[] = [
  { path: 'tiers', key: (item) => item.id },
  { path: 'tiers.*.rules', key: (item) => item.id ?? item.name },
  { path: 'calendar.activities', key: (item) => item.id },
];

const pattern = (path: Path) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');

export class MergeError extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

function mergeList(base: unknown[], over: unknown[], path: Path, key: (item: Json) => unknown): unknown[] {
  const out = base.map((item) => item);
  const indexOf = (k: unknown) => out.findIndex((item) => isPlainObject(item) && String(key(item)) === String(k));
  over.forEach((item, i) => {
    if (!isPlainObject(item) || key(item) === undefined)
      throw new MergeError(
        [...path, i],
        'each item here needs an id to merge with the one it extends (or the name, for a rule)',
      );
    const at = indexOf(key(item));
    const { remove, ...rest } = item;
    if (remove === true) {
      if (at < 0)
        throw new MergeError(
          [...path, i],
          `remove: nothing with id "${String(key(item))}" to remove in what this extends`,
        );
      out.splice(at, 1);
    } else if (at >= 0) {
      out[at] = mergeAt(out[at] as Json, rest, [...path, i]);
    } else if (path.length === 1 && path[0] === 'tiers' && rest.default !== true) {
      // A new tier goes before the default tier, which must stay last.
      const fallback = out.findIndex((t) => isPlainObject(t) && t.default === true);
      out.splice(fallback < 0 ? out.length : fallback, 0, rest);
    } else {
      out.push(rest);
    }
  });
  return out;
}

function mergeAt(base: Json, over: Json, path: Path): Json {
  const out: Json = { ...base };
  for (const [name, value] of Object.entries(over)) {
    const here = [...path, name];
    const keyed = KEYED.find((k) => k.path === pattern(here));
    if (keyed && Array.isArray(value) && Array.isArray(base[name]))
      out[name] = mergeList(base[name] as unknown[], value, here, keyed.key);
    else
      out[name] = isPlainObject(value) && isPlainObject(base[name]) ? mergeAt(base[name] as Json, value, here) : value;
  }
  return out;
}

/** The policy `over` says, on top of `base`. Throws MergeError naming the place that cannot merge. */
export function mergeExtends(base: Json, over: Json): Json {
  return mergeAt(base, over, []);
}

/**
 * A path in the merged policy as a path in the override the trust wrote (tiers[2] there may be
 * its tiers[0]), or null when the place comes only from what it extends.
 */
export function overridePath(merged: Json, over: Json, path: (string | number)[]): (string | number)[] | null {
  const out: (string | number)[] = [];
  let m: unknown = merged;
  let o: unknown = over;
  for (const step of path) {
    if (typeof step === 'number' && Array.isArray(m) && Array.isArray(o)) {
      const keyed = KEYED.find((k) => k.path === pattern(out));
      const item = m[step];
      const at =
        keyed && isPlainObject(item)
          ? o.findIndex((x) => isPlainObject(x) && String(keyed.key(x)) === String(keyed.key(item)))
          : step;
      if (at < 0 || at >= o.length) return null;
      out.push(at);
      m = item;
      o = o[at];
    } else if (isPlainObject(m) && isPlainObject(o) && typeof step === 'string') {
      if (!(step in o)) return out.length ? out : null;
      out.push(step);
      m = m[step];
      o = o[step];
    } else {
      out.push(step);
    }
  }
  return out;
}
