export const LTS_VERSION: string;
export function reasonNotToRun(
  platform?: string,
  arch?: string,
  nodeVersion?: string,
): string | null;
/** `env` without npm's `npm_config_*` variables, which node-gyp would read as its options. */
export function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
