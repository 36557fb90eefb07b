/**
 * A system service a test needs (CUPS, the Pushgateway) that cannot be had here: the one line
 * the test prints, `<service> not available: <reason>`, and under CI, which installs every such
 * service (`.ci/run`), a failure rather than a quiet skip.
 */
export function sayUnavailable(service: string, reason: string): void {
  const line = `${service} not available: ${reason}`;
  console.warn(line);
  if (process.env.CI) {
    throw new Error(line);
  }
}
