// A thin, typed fetch client for the SLA API. The types come from the committed OpenAPI document
// (src/schema.d.ts, `npm run generate`); requests go through openapi-fetch, so every path, parameter, body and
// answer is checked by the compiler.
import createClient, { type Client, type Middleware } from "openapi-fetch";

import type { components, operations, paths, webhooks } from "./schema.d.ts";

export type { components, operations, paths, webhooks };
export type Schemas = components["schemas"];
/** An RFC 9457 problem: every error answer of the API, with a stable `code`. */
export type Problem = Schemas["Problem"];

export interface SlaClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** A bearer token, or a function giving the current one (called before each request). */
  token?: string | (() => string | Promise<string>);
  /** Another fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

export type SlaClient = Client<paths>;

/** A client whose requests carry `Authorization: Bearer <token>`. */
export function createSlaClient(options: SlaClientOptions): SlaClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const { token } = options;
  if (token !== undefined) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        const value = typeof token === "function" ? await token() : token;
        request.headers.set("Authorization", `Bearer ${value}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

/** A party token from the OAuth 2.0 client-credentials grant (`POST /oauth/token`). */
export async function fetchToken(
  baseUrl: string,
  clientId: string,
  clientSecret: string,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<Schemas["TokenResponse"]> {
  const anonymous = createClient<paths>({ baseUrl, fetch: fetchImpl });
  const { data, error } = await anonymous.POST("/oauth/token", {
    body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (data === undefined) {
    throw new Error(`token request failed: ${JSON.stringify(error)}`);
  }
  return data;
}

/** Every item of a collection, following `next_cursor` page by page (every list is an `{items, next_cursor}`). */
export async function* allItems<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null } | undefined>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    if (answer === undefined) return;
    yield* answer.items;
    cursor = answer.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
