from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from core.views import RequiresMixin
from scans import permissions
from scans.services.index_cache import MapData


class ViewGebiedenMixin(RequiresMixin):
    permission = permissions.can_view_gebieden


class RecordMixin(RequiresMixin):
    permission = permissions.can_record


def map_response(request, data: MapData) -> HttpResponse:
    """A map's GeoJSON, revalidated by its ETag: an unchanged map costs a 304."""
    etag = f'"{data.etag}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(data.body, content_type="application/geo+json")
    response["ETag"] = etag
    if request.GET.get("v") == data.etag:
        # The page links to the version it was rendered with; a change gives
        # a new link, so this version can be kept as long as the browser likes.
        patch_cache_control(response, private=True, max_age=365 * 24 * 3600)
        response["Cache-Control"] += ", immutable"
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
