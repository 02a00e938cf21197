from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError

from scans import permissions


class ViewGebiedenMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return permissions.can_view_gebieden(self.request.user)


class RecordMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return permissions.can_record(self.request.user)


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (fields it names, else the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
