// The tour's calls, type-checked against the document (`npx tsc --noEmit` compiles this file too).
import { allItems, createSlaClient, fetchToken, type Schemas } from "../src/index.ts";

export async function tour(baseUrl: string, clientId: string, clientSecret: string, customerId: string): Promise<void> {
  const { access_token } = await fetchToken(baseUrl, clientId, clientSecret);
  const sla = createSlaClient({ baseUrl, token: access_token });

  const me = await sla.GET("/v1/me");
  const providerId = me.data?.party?.id;
  if (providerId === undefined || providerId === null) throw new Error("a party token was expected");

  const created = await sla.POST("/v1/agreements", {
    body: {
      title: "Support",
      timezone: "Europe/Berlin",
      memberships: [
        { party_id: providerId, role: "provider" },
        { party_id: customerId, role: "customer" },
      ],
      clauses: [
        {
          key: "fees",
          kind: "cost",
          title: "Fees",
          terms: {
            price_lines: [
              { code: "base", description: "Monthly fee", unit: "month", amount: { amount: "1200.00", currency: "EUR" } },
            ],
          },
        },
      ],
    },
  });
  if (created.error) throw new Error(created.error.detail);
  const agreement: Schemas["AgreementOut"] = created.data;

  const read = await sla.GET("/v1/agreements/{agreement_id}", { params: { path: { agreement_id: agreement.id } } });
  const etag = read.response.headers.get("ETag") ?? "";
  await sla.PATCH("/v1/agreements/{agreement_id}", {
    params: { path: { agreement_id: agreement.id }, header: { "If-Match": etag } },
    body: { title: "Premium support" },
  });

  for await (const version of allItems(async (cursor) =>
    (await sla.GET("/v1/agreements/{agreement_id}/versions", {
      params: { path: { agreement_id: agreement.id }, query: { limit: 10, cursor } },
    })).data,
  )) {
    console.log(version.number, version.status);
  }

  const lookup = await sla.GET("/v1/sla/applicable", {
    params: { query: { customer: customerId, priority: "P1", opened_at: new Date().toISOString() } },
  });
  console.log(lookup.data?.targets.map((t) => t.due_at));
}
