from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

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
