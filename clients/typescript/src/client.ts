import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcTransport, type Http2SessionManager } from "@connectrpc/connect-node";
import { DocumentService } from "./gen/docstream/v1/document_service_pb.js";

/** A typed client for docstream.v1.DocumentService; every method and message comes from the generated code. */
export type DocumentServiceClient = Client<typeof DocumentService>;

/**
 * The server's base URL from `http://host:port` or `host:port` (the server listens without TLS).
 */
export function baseUrl(address: string): string {
  return /^https?:\/\//.test(address) ? address : `http://${address}`;
}

/**
 * A client that speaks gRPC (always HTTP/2, here without TLS) to the DocStream server at `address`. Pass `connection`
 * (`new Http2SessionManager(baseUrl(address))`) to close it yourself with `connection.abort()`: a call left before its
 * end, such as a watch, otherwise leaves the connection open and Node running. Pass `apiKey` (an API key or a JWT)
 * for a server that needs credentials: every call then sends `authorization: Bearer <apiKey>`.
 */
export function createDocumentServiceClient(address: string, connection?: Http2SessionManager, apiKey?: string): DocumentServiceClient {
  const interceptors: Interceptor[] = apiKey
    ? [(next) => (request) => {
        request.header.set("authorization", `Bearer ${apiKey}`);
        return next(request);
      }]
    : [];
  return createClient(DocumentService, createGrpcTransport({ baseUrl: baseUrl(address), sessionManager: connection, interceptors }));
}
