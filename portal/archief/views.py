import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.views.generic import TemplateView

from core.views import RequiresMixin
from partners.permissions import is_beheerder
from portal.archief import services


class ArchiefExportView(RequiresMixin, TemplateView):
    """GET explains the export; POST builds and sends the zip."""

    template_name = "archief/export.html"

    permission = is_beheerder

    def post(self, request):
        # Spooled: small archives stay in memory, large ones go to disk.
        target = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
        services.write_archive(target, actor=request.user, request=request)
        target.seek(0)
        stamp = timezone.localdate().isoformat()
        response = FileResponse(
            target,
            as_attachment=True,
            filename=f"archief-buurtaanpak-{stamp}.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response
