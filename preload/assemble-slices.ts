/**
 * Joins the capabilities' slices (preload/schemas/<capability>.ts) into the contract's one method
 * table or one event table. A name declared by two slices throws when the contract loads: a spread
 * would silently keep the later one, and the other capability's handler or event would vanish.
 */

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };

/** The tables of every slice as one table, keyed by name. */
export type Assembled<S extends Record<string, object>> = Flatten<UnionToIntersection<S[keyof S]>>;

/** `what` names the table in the error ("method", "event"); each key of `slices` names a capability. */
export function assembleSlices<const S extends Record<string, object>>(what: string, slices: S): Assembled<S> {
  const table: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [capability, slice] of Object.entries(slices)) {
    for (const [name, shape] of Object.entries(slice)) {
      const first = owner.get(name);
      if (first !== undefined) throw new Error(`The contract declares ${what} ${name} twice: in the ${first} slice and in the ${capability} slice`);
      owner.set(name, capability);
      table[name] = shape;
    }
  }
  return table as Assembled<S>;
}
