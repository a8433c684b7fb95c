from rest_framework.pagination import CursorPagination


class NewestFirst(CursorPagination):
    """Cursor paging on the primary key: unique, indexed, stable under inserts, no COUNT(*)."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
