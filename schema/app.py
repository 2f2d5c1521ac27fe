"""Placeholder until the GraphQL schema lands."""

from litestar import get


def graphql_controller(settings):
    @get("/graphql", include_in_schema=False)
    async def graphql_placeholder() -> dict[str, str]:
        return {"status": "coming"}

    return graphql_placeholder
