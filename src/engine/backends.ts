/** Where a backend lives: one per service, account and region, as in AWS. */
export interface BackendScope {
  readonly serviceId: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/**
 * The backends of every service, created lazily per (account, region) the first time a call
 * reaches them. reset() drops them all; nothing survives in a backend between tests.
 */
export class BackendStore {
  /** service → account → region → backend: looked up on every call, so no key strings are built. */
  private readonly byService = new Map<string, Map<string, Map<string, unknown>>>();
  /** Backends created during the request being answered (see beginRequest). */
  private createdInRequest: Array<{ perService: Map<string, Map<string, unknown>>; accountId: string; region: string }> | undefined;

  /** Starts a request: backends it creates are dropped again if it is refused (endRequest). */
  beginRequest(): void {
    this.createdInRequest = [];
  }

  /**
   * Ends the request. A refused request keeps no backend it created: naming another account
   * (a Glue CatalogId, a share's principal) in a call that fails must not leave that account's
   * (empty) backend behind, as a scope on the dashboard and memory that grows with each name.
   */
  endRequest(answered: boolean): void {
    const created = this.createdInRequest ?? [];
    this.createdInRequest = undefined;
    if (answered) return;
    for (const { perService, accountId, region } of created) {
      const perAccount = perService.get(accountId);
      perAccount?.delete(region);
      if (perAccount?.size === 0) perService.delete(accountId);
    }
  }

  get<B>(scope: BackendScope, create: (scope: BackendScope) => B): B {
    let perService = this.byService.get(scope.serviceId);
    if (!perService) {
      perService = new Map();
      this.byService.set(scope.serviceId, perService);
    }
    let perAccount = perService.get(scope.accountId);
    if (!perAccount) {
      perAccount = new Map();
      perService.set(scope.accountId, perAccount);
    }
    let backend = perAccount.get(scope.region) as B | undefined;
    if (backend === undefined) {
      backend = create(scope);
      perAccount.set(scope.region, backend);
      this.createdInRequest?.push({ perService, accountId: scope.accountId, region: scope.region });
    }
    return backend;
  }

  /** Every backend of a service created so far, with its scope key ("account/region"). */
  all<B>(serviceId: string): Array<[string, B]> {
    const out: Array<[string, B]> = [];
    for (const [account, regions] of this.byService.get(serviceId) ?? []) {
      for (const [region, backend] of regions) out.push([`${account}/${region}`, backend as B]);
    }
    return out;
  }

  clear(): void {
    this.byService.clear();
  }
}
