import { buildArn, partitionOf } from "./arn.js";
import type { BackendScope } from "./backends.js";
import type { Engine } from "./engine.js";
import { ServiceError } from "./errors.js";
import type { Process } from "./lifecycle/process.js";
import type { OrderedTable } from "./ordered-table.js";
import { InvalidPageTokenError, paginate, type Page, type PageOptions } from "./pagination.js";
import { validationErrorOf, type ServiceDefinition } from "./service.js";

/**
 * What a handler sees of the world: its backend (this account and region), the clock, the
 * lifecycle engine and the shared helpers. Handlers never touch the wire or the SDK.
 */
export class RequestContext<B> {
  readonly partition: string;
  readonly backend: B;

  constructor(
    readonly engine: Engine,
    readonly service: ServiceDefinition<B>,
    readonly operation: string,
    readonly accountId: string,
    readonly region: string,
    readonly requestId: string,
  ) {
    this.partition = partitionOf(region);
    this.backend = this.backendFor(accountId, region);
  }

  /**
   * Whether ARN parts name this request's partition and Region. Services find many resources
   * by the parts of an ARN (a name, a version), so an `arn:aws-cn:` ARN given in us-east-1
   * must be refused here, or it would find the `arn:aws:` resource of the same name.
   */
  inThisRegion(parts: { partition: string; region: string }): boolean {
    return parts.partition === this.partition && parts.region === this.region;
  }

  /** Whether ARN parts name this request's partition, Region and account: a resource it may own. */
  isOwn(parts: { partition: string; region: string; accountId: string }): boolean {
    return this.inThisRegion(parts) && parts.accountId === this.accountId;
  }

  /** Another account's or region's backend of the same service (shares, cross-region copies). */
  backendFor(accountId: string, region: string): B {
    const scope: BackendScope = { serviceId: this.service.serviceId, accountId, region, partition: region === this.region && this.partition ? this.partition : partitionOf(region) };
    return this.engine.backends.get(scope, (s) => this.service.createBackend(s));
  }

  now(): Date {
    return this.engine.clock.now();
  }

  /** An ARN of this service in this account and region: `arn(`workflow/${name}`)`. */
  arn(resource: string): string {
    return buildArn({ partition: this.partition, service: this.service.arnService, region: this.region, accountId: this.accountId, resource });
  }

  /** Starts tracking a process (a run, a build); returns it. */
  track<P extends Process>(process: P): P {
    return this.engine.lifecycles.register(process);
  }

  /** A read saw this process: in poll mode it moves on one step. */
  observe(process: Process | undefined): void {
    if (process) this.engine.lifecycles.observe(process);
  }

  /**
   * One page of a table. The token is scoped to this operation, account and region (and to
   * `options.query`), and a bad token becomes the service's own error.
   */
  paginate<V>(table: OrderedTable<V>, options: PageOptions<V>): Page<V> {
    const scope = `${this.service.serviceId}|${this.operation}|${this.accountId}|${this.region}`;
    try {
      return paginate(table, scope, options);
    } catch (error) {
      if (error instanceof InvalidPageTokenError) {
        throw this.service.errors.invalidPageToken?.(error.message) ?? this.invalid(error.message);
      }
      throw error;
    }
  }

  /** A modelled error of this service. */
  error(code: string, message: string, members: Record<string, unknown> = {}): ServiceError {
    return new ServiceError(code, message, members);
  }

  /** The operation's validation error (the service's unless the operation has its own) with a message naming what is wrong. */
  invalid(message: string, members: Record<string, unknown> = {}): ServiceError {
    return new ServiceError(validationErrorOf(this.service, this.service.operations[this.operation]), message, members);
  }
}
