from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.generic import ListView, View

from core import csv
from core.audit import selectors, services
from core.views import RequiresMixin
from portal.audittrail import permissions
from portal.audittrail.forms import AuditFilterForm

_ENTRY_FIELDS = [
    "at",
    "actor",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "classification",
    "ip_address",
]


def actor_name(entry) -> str:
    """The actor's current name (or address); the recorded label otherwise."""
    if entry.actor_id is None:
        return entry.actor_label
    return entry.actor.full_name or entry.actor.email


class _AuditAccess(RequiresMixin):
    permission = permissions.can_read_audit_trail

    def filtered(self):
        form = AuditFilterForm(
            self.request.GET or None, object_types=selectors.object_types()
        )
        entries = selectors.audit_entries()
        if form.is_valid():
            entries = selectors.audit_entries(**form.cleaned_data)
        # The actor is named by its id and its name now (the address as
        # recorded is kept beside it): one join, no query per row.
        return form, entries.select_related("actor").only(
            *_ENTRY_FIELDS, "actor__full_name", "actor__email"
        )


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
        for entry in context["entries"]:
            entry.actor_name = actor_name(entry)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


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
        writer = csv.writer(csv.Echo())
        header = [
            "tijd",
            "gebruiker-id",
            "gebruiker",
            "gebruiker (vastgelegd)",
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
                        e.actor_id,
                        actor_name(e),
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
