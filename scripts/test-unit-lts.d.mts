export const LTS_VERSION: string;
export function reasonNotToRun(
  platform?: string,
  arch?: string,
  nodeVersion?: string,
): string | null;
