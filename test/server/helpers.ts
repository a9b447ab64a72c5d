import { request as httpRequest } from "node:http";
import { connect } from "node:net";

/** A response as raw HTTP, for checking what the server writes byte for byte. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): Record<string, unknown>;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked, without a content-length. */
  chunked?: boolean;
}

/** An Authorization header carrying a SigV4 credential scope (the server reads it, never verifies it). */
export function sigv4(service: string, region = "us-east-1", accessKeyId = "AKIDEXAMPLE"): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
}

export function raw(url: string, options: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(options.path ?? "/", url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body && !options.chunked) headers["content-length"] = String(body.byteLength);
    const req = httpRequest(
      { method: options.method ?? "POST", hostname: target.hostname, port: target.port, path: target.pathname + target.search, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) as Record<string, unknown> });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (body && options.chunked) {
      // In pieces, so the server meets the limit while the body is still arriving.
      for (let i = 0; i < body.byteLength; i += 4096) req.write(body.subarray(i, i + 4096));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** Client settings for a server: endpoint, a region, fake credentials (the server ignores secrets). */
export function clientConfig(url: string, extra: Record<string, unknown> = {}) {
  return { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, ...extra };
}

/**
 * Sends `head` (request line and headers, without the blank line) byte for byte, with no URL
 * parsing on the way, and returns the response's status and body. For request targets a URL
 * parser would refuse or rewrite ("//[", "/workflow/..").
 */
export function rawTarget(url: string, head: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(`${head}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`));
    let text = "";
    socket.on("data", (c: Buffer) => (text += c.toString()));
    socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf("\r\n\r\n") + 4) }));
    socket.on("error", reject);
  });
}
