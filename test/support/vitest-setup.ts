// libsodium initialises asynchronously once per process; the vault's synchronous API needs it first.
import { ensureSodium } from '../../src-main/vault';

await ensureSodium();
