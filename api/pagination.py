"""One list envelope for every REST collection: `{items, next_cursor}` with `limit`/`cursor`, and an RFC 8288
`Link: <…>; rel="next"` header naming the next page whenever there is one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from litestar import Request, Response

from api.dependencies import unless_unchanged
from api.representations import Page
from services.pagination import check_limit, encode_cursor, position_after

T = TypeVar("T")


def next_link(request: Request, next_cursor: str | None) -> dict[str, str]:
    """The `Link` header of a page: the same request with `cursor` set to the next page's (relative to this
    request's URL, so it is right behind any proxy), or nothing on the last page."""
    if next_cursor is None:
        return {}
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    query.append(("cursor", next_cursor))
    return {"Link": f'<{request.url.path}?{urlencode(query)}>; rel="next"'}


def paged(request: Request, items: list[Any], next_cursor: str | None, *, etagged: bool = False) -> Response[Any]:
    """A page answer; `etagged` pages also answer `ETag` and `304 Not Modified` (see `unless_unchanged`)."""
    page = Page(items=items, next_cursor=next_cursor)
    if etagged:
        return unless_unchanged(request, page, headers=next_link(request, next_cursor))
    return Response(page, headers=next_link(request, next_cursor))


def slice_page(rows: Sequence[T], limit: int, cursor: str | None) -> tuple[list[T], str | None]:
    """A page of a short, fully read collection in its stable order (an agreement's versions or incidents, a
    party's API clients or subscriptions): the cursor is the position after the page, so these lists paginate
    exactly like the keyset-paginated ones and a bad `limit` or `cursor` answers the same 422."""
    check_limit(limit)
    start = position_after(cursor) if cursor is not None else 0
    end = start + limit
    return list(rows[start:end]), encode_cursor(end) if end < len(rows) else None
