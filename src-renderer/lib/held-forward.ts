/**
 * A press of Next or Continue while the step holds it back (`aria-disabled`), passed from the
 * navigation bar to the step on screen, so the step can show the client what is still to do
 * instead of the button seeming to do nothing. Steps that have nothing to show do not listen.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

/** Calls `listener` at every held-back press; returns the function that stops it. */
export function onHeldForward(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function pressHeldForward(): void {
  for (const listener of listeners) {
    listener();
  }
}
