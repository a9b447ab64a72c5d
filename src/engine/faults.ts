/** A planned failure: the next `times` calls of an operation fail with `error`. */
export interface FaultSpec {
  /** SDK service id ("Glue", "Omics", "Proton", "imagebuilder"). */
  service: string;
  /** Operation name, or "*" for every operation of the service. */
  operation: string;
  /** A modelled error of the service; default: the service's throttling error. */
  error?: string;
  /** The error's message (never empty); default: "Rate exceeded" for throttling, else "Injected <error> for <operation>". */
  message?: string;
  /** How many calls fail (each SDK retry attempt is a call); default 1. */
  times?: number;
}

export class Fault {
  private left: number;

  constructor(readonly spec: Readonly<FaultSpec>) {
    this.left = spec.times ?? 1;
  }

  /** Calls still to fail. */
  get remaining(): number {
    return this.left;
  }

  /** Cancels what is left of this fault. */
  clear(): void {
    this.left = 0;
  }

  matches(service: string, operation: string): boolean {
    return this.left > 0 && this.spec.service === service && (this.spec.operation === "*" || this.spec.operation === operation);
  }

  consume(): void {
    this.left--;
  }
}

/** Fault injection: planned errors consumed in the order they were planned. */
export class FaultInjector {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault = new Fault(spec);
    this.faults.push(fault);
    return fault;
  }

  /** The fault to raise for this call, if any; consumes one use. */
  take(service: string, operation: string): Fault | undefined {
    const fault = this.faults.find((f) => f.matches(service, operation));
    if (!fault) return undefined;
    fault.consume();
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  reset(): void {
    this.faults = [];
  }
}
