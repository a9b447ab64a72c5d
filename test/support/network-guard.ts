import dns from "node:dns";
import net from "node:net";
import tls from "node:tls";

/**
 * Records (and blocks) every attempt to open a network connection or resolve a host name:
 * TCP connects, TLS connects and DNS lookups. Used to prove aws-doubles never touches the
 * network for calls it does not model.
 */
export function guardNetwork() {
  const attempts: string[] = [];
  const connect = net.Socket.prototype.connect;
  const tlsConnect = tls.connect;
  const lookup = dns.lookup;
  const refuse = (what: string) => {
    attempts.push(what);
    return new Error(`network guard: ${what} attempted`);
  };
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const error = refuse(`connect ${JSON.stringify(args[0])}`);
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof connect;
  (tls as { connect: unknown }).connect = (...args: unknown[]) => {
    throw refuse(`tls.connect ${JSON.stringify(args[0])}`);
  };
  (dns as { lookup: unknown }).lookup = (hostname: string, ...rest: unknown[]) => {
    const callback = rest[rest.length - 1] as (error: Error) => void;
    process.nextTick(() => callback(refuse(`dns.lookup ${hostname}`)));
  };
  return {
    attempts,
    release() {
      net.Socket.prototype.connect = connect;
      (tls as { connect: unknown }).connect = tlsConnect;
      (dns as { lookup: unknown }).lookup = lookup;
    },
  };
}
