import { accountFromAccessKey } from "./accounts.js";
import { FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY } from "./env.js";

/**
 * Under mockAws() no real credential ever signs a request, and the user's ~/.aws files are
 * never read. Environment variables cover clients on the default chain, but not a client built
 * with `profile: "prod"` or an explicit provider (`fromIni`, `fromSSO`, `fromProcess`,
 * `fromTokenFile`): those would fail with CredentialsProviderError before the fake is reached.
 *
 * So each intercepted client's provider is wrapped while the mock is installed. The wrapped
 * provider still runs — with the shared config and credentials files pointed at a path that
 * does not exist, IMDS disabled and container credential variables removed (env.ts), and STS,
 * SSO and other credential services answered NotImplemented by the fake — and:
 * - credentials from `aws.credentialsFor(account)` are kept, so the client acts in that account;
 * - anything else (real keys from an explicit file path, say), and any failure to resolve,
 *   becomes the fake default-account credentials, so nothing real ever signs.
 *
 * The SDK reads `config.credentials` on every request, so clients built long before mockAws()
 * are covered too. restore() puts every original provider back.
 */
interface ConfigWithCredentials {
  credentials?: unknown;
}

interface ClientWithCredentials {
  config?: ConfigWithCredentials & Record<string, unknown>;
}

type Provider = (options?: unknown) => Promise<{ accessKeyId?: unknown }>;

const FAKE = Object.freeze({ accessKeyId: FAKE_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY });

function keepingAccounts(original: Provider): Provider {
  return async (options) => {
    try {
      const identity = await original(options);
      if (accountFromAccessKey(identity?.accessKeyId)) return identity;
    } catch {
      // a named profile or an explicit provider finds nothing while mocked: fake keys instead
    }
    return { ...FAKE };
  };
}

export class CredentialSwap {
  private readonly swaps: Array<{ config: WeakRef<ConfigWithCredentials>; original: unknown; installed: unknown }> = [];
  private readonly swapped = new WeakSet<object>();

  /** Wraps the client's credential provider (once per client config). */
  apply(client: ClientWithCredentials): void {
    const config = client.config;
    if (!config || this.swapped.has(config) || typeof config.credentials !== "function") return;
    this.swapped.add(config);
    const original = config.credentials;
    // The SDK defines `credentials` as an accessor that memoizes what is assigned; read back
    // what it installed, to know on restore whether anyone replaced it since.
    config.credentials = keepingAccounts(original as Provider);
    this.swaps.push({ config: new WeakRef(config), original, installed: config.credentials });
  }

  /** Puts every wrapped provider back (unless the client's owner replaced it meanwhile). */
  undo(): void {
    for (const { config, original, installed } of this.swaps) {
      const target = config.deref();
      if (target && target.credentials === installed) target.credentials = original;
    }
    this.swaps.length = 0;
  }
}
