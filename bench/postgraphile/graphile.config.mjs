// PostGraphile 5 over the SLA API's tables (schema public), for bench/hot_paths.py: the GraphQL reference point.
// Production-like: no GraphiQL, no explain, no watch. DATABASE_URL and PORT come from the environment.
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

export default {
  extends: [PostGraphileAmberPreset],
  // Lets the query filter versions by status and order clauses by position as the SLA API does, although those
  // columns carry no index of their own (by default PostGraphile 5 offers conditions and orderings on indexes only).
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { host: "127.0.0.1", port: Number(process.env.PORT ?? 5678), graphiql: false, watch: false },
  grafast: { explain: false },
};
