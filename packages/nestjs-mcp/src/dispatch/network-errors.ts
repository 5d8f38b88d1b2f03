/** What common failures to reach a server mean, by error code (Node's, undici's, OpenSSL's). */
const MEANINGS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the API running, on that host and port?)',
  ECONNRESET: 'the connection was reset by the API',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved just now (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'connecting timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_SOCKET: 'the API closed the connection',
  UND_ERR_HEADERS_TIMEOUT: 'the API sent no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the API stopped sending the response body',
  ERR_SSL_WRONG_VERSION_NUMBER:
    'TLS failed: the server does not speak TLS there (http:// instead of https://?)',
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS failed: the API's certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS failed: the API's certificate chain has a self-signed certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS failed: the API's certificate cannot be verified",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS failed: the issuer of the API's certificate is not trusted",
  CERT_HAS_EXPIRED: "TLS failed: the API's certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS failed: the API's certificate does not name this host",
};

interface CodedError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

/**
 * Describes why a request to the API failed, from what `fetch` throws: a `TypeError('fetch failed')` whose
 * `cause` holds the socket, DNS or TLS error (an `AggregateError` when every address of a host failed).
 * The result names the failure in words and keeps its code and message, e.g.
 * `connection refused (is the API running, on that host and port?) [ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:3000]`.
 */
export function describeNetworkError(error: unknown): string {
  const root = rootCause(error);
  const code = codeOf(root);
  const message = typeof root.message === 'string' && root.message ? root.message : String(root);
  const meaning = code === undefined ? undefined : MEANINGS[code];
  const detail = code === undefined ? message : `${code}: ${message}`;
  return meaning ? `${meaning} [${detail}]` : detail;
}

/** The innermost cause; for an `AggregateError` (one failure per address), its first error. */
function rootCause(error: unknown): CodedError {
  let current = (error ?? {}) as CodedError;
  for (let depth = 0; depth < 5; depth++) {
    const next =
      Array.isArray(current.errors) && current.errors.length > 0 ? current.errors[0] : current.cause;
    if (!next || typeof next !== 'object') break;
    current = next as CodedError;
  }
  return current;
}

function codeOf(error: CodedError): string | undefined {
  return typeof error.code === 'string' ? error.code : undefined;
}
