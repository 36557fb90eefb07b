/**
 * A store's own fields, for checking its fresh state covers them: every key that is neither a
 * method nor a derived getter (a getter without a setter is `readonly` in the class's type).
 * A store's `freshState()` `satisfies Pick<Store, StoreFields<Store>>`, so a field added to
 * the store does not compile until its fresh value is there too, and its reset wipes it.
 */

/**
 * Whether `T[K]` is writable: the two generic functions are only identical when the property
 * types are, `readonly` included (https://github.com/microsoft/TypeScript/issues/27024#issuecomment-421529650).
 */
type IfWritable<T, K extends keyof T, Yes, No> =
  (<U>(probe: U) => U extends { [Q in K]: T[K] } ? 1 : 2) extends <U>(probe: U) => U extends {
    -readonly [Q in K]: T[K];
  }
    ? 1
    : 2
    ? Yes
    : No;

export type StoreFields<T> = {
  [K in keyof T]-?: T[K] extends (...args: never) => unknown ? never : IfWritable<T, K, K, never>;
}[keyof T];
