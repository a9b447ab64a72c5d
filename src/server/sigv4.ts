/**
 * What a SigV4 signature tells the server about a request: who (the access key) and where
 * (the credential scope's Region and service). The scope routes the request; the access key
 * picks the account as credentials do in-process (src/intercept/accounts.ts). Signatures are
 * read, never verified: the server is a test double, and the secret is anyone's.
 */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

/** `Credential=AKID/20240101/us-east-1/glue/aws4_request` → its parts. */
function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") return undefined;
  const [accessKeyId, , region, service] = parts as [string, string, string, string, string];
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, region, service };
}

/**
 * The credential scope of a signed request: from the Authorization header, or from a
 * presigned URL's X-Amz-Credential. Undefined when the request is not SigV4-signed.
 */
export function credentialScope(authorization: string | undefined, query: URLSearchParams): CredentialScope | undefined {
  if (authorization) {
    const match = /^AWS4-HMAC-SHA256\s+(.*)$/i.exec(authorization.trim());
    if (!match) return undefined;
    for (const field of match[1]!.split(",")) {
      const [key, value] = field.trim().split("=", 2);
      if (key === "Credential" && value) return parseCredential(value);
    }
    return undefined;
  }
  const presigned = query.get("X-Amz-Credential");
  return presigned && query.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256" ? parseCredential(presigned) : undefined;
}
