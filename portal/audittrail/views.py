import csv

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.generic import ListView, View

from core.audit import selectors, services
from core.views import RequiresMixin
from portal.audittrail import permissions
from portal.audittrail.forms import AuditFilterForm


class _AuditAccess(RequiresMixin):
    permission = permissions.can_read_audit_trail

    def filtered(self):
        form = AuditFilterForm(
            self.request.GET or None, object_types=selectors.object_types()
        )
        entries = selectors.audit_entries()
        if form.is_valid():
            entries = selectors.audit_entries(**form.cleaned_data)
        return form, entries.select_related(None)


class AuditListView(_AuditAccess, ListView):
    template_name = "audit/auditentry_list.html"
    context_object_name = "entries"
    paginate_by = 100

    def get_queryset(self):
        self.form, entries = self.filtered()
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class _Echo:
    def write(self, value):
        return value


class AuditExportView(_AuditAccess, View):
    """The filtered trail as CSV; the export itself is recorded too."""

    def get(self, request) -> HttpResponse:
        form, entries = self.filtered()
        services.record(
            actor=request.user,
            action=services.Action.EXPORT,
            object_type="audit.auditentry",
            label="CSV-export audittrail",
            request=request,
            details={"filter": request.GET.dict()},
        )
        writer = csv.writer(_Echo(), delimiter=";")
        header = [
            "tijd",
            "gebruiker",
            "actie",
            "soort",
            "id",
            "omschrijving",
            "rubricering",
            "ip-adres",
        ]

        def rows():
            yield writer.writerow(header)
            for e in entries.iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        timezone.localtime(e.at).isoformat(timespec="seconds"),
                        e.actor_label,
                        e.get_action_display(),
                        e.object_type,
                        e.object_id,
                        e.object_label,
                        e.classification,
                        e.ip_address or "",
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="audittrail-{stamp}.csv"'
        )
        return response
