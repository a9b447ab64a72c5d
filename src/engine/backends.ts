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
  private readonly byService = new Map<string, Map<string, unknown>>();

  get<B>(scope: BackendScope, create: (scope: BackendScope) => B): B {
    let perService = this.byService.get(scope.serviceId);
    if (!perService) {
      perService = new Map();
      this.byService.set(scope.serviceId, perService);
    }
    const key = `${scope.accountId}/${scope.region}`;
    let backend = perService.get(key) as B | undefined;
    if (backend === undefined) {
      backend = create(scope);
      perService.set(key, backend);
    }
    return backend;
  }

  /** Every backend of a service created so far, with its scope key ("account/region"). */
  all<B>(serviceId: string): Array<[string, B]> {
    return [...(this.byService.get(serviceId) ?? new Map<string, B>()).entries()] as Array<[string, B]>;
  }

  clear(): void {
    this.byService.clear();
  }
}
