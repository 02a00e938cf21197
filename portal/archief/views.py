import tempfile

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import FormView

from core.views import RequiresMixin
from partners.permissions import is_beheerder
from portal.archief import services
from portal.archief.forms import ArchiefExportForm


class ArchiefExportView(RequiresMixin, FormView):
    """GET explains the export; POST with a reason builds and sends the zip."""

    template_name = "archief/export.html"
    form_class = ArchiefExportForm

    permission = is_beheerder

    def form_valid(self, form):
        # Spooled: small archives stay in memory, large ones go to disk.
        target = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
        services.write_archive(
            target,
            reden=form.cleaned_data["reden"],
            actor=self.request.user,
            request=self.request,
        )
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

    def form_invalid(self, form):
        # Nothing exported, nothing recorded: the page again with the error.
        return render(self.request, self.template_name, {"form": form}, status=400)
