from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from core.views import request_too_large

_ADMIN_PREFIX = "/beheer/"


class PortalCSPMiddleware(CSPMiddleware):
    """The portal's CSP, relaxed for inline styles in Django's own admin only.

    The admin templates carry a few style attributes; scripts stay strict there
    too. Also sets a Permissions-Policy that switches off browser features the
    portal never uses.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(_ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuses an oversized request by its Content-Length, before reading the body.

    Django would otherwise stream a large upload to a temporary file first, or
    raise a bare 400 for a large form; here the sender gets a Dutch 413 page
    and nothing is read, parsed or saved. Multipart forms may carry an upload
    (``REQUEST_MAX_BYTES``, twice the file limit and a bit: a file somewhat
    over ``UPLOAD_MAX_BYTES`` reaches its form, which comes back with the
    typed fields kept and an error on the file); any other body is held to
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``. nginx lets a little more through, so the
    portal answers with its own page (deploy/nginx-limits.envsh).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = request_size_limit(request)
        if length > limit:
            if _is_multipart(request):
                # The page names the file limit, the one the form states.
                return request_too_large(request, file_limit=settings.UPLOAD_MAX_BYTES)
            return request_too_large(request, limit=limit)
        return self.get_response(request)


def request_size_limit(request: HttpRequest) -> int:
    """The largest body accepted for this request's content type, in bytes."""
    if _is_multipart(request):
        return settings.REQUEST_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or settings.REQUEST_MAX_BYTES


def _is_multipart(request: HttpRequest) -> bool:
    return request.META.get("CONTENT_TYPE", "").startswith("multipart/")


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response without its own.

    The portal's pages hold classified text and personal links (invitation
    and guest pages carry a token), so no browser cache, proxy or "back"
    button keeps a copy after logging out. A view that chooses its own
    caching keeps it: the map GeoJSON (names, codes and indices only) is
    private and revalidated or versioned, and the calendar feed is private
    for 15 minutes. Static files are served before this middleware runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
