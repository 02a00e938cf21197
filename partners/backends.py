from partners import permissions


class BeheerderBackend:
    """Gives beheerders every model permission, so the admin works for them.

    Authentication is left to the other backends; this one only answers
    permission questions.
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return permissions.is_beheerder(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return permissions.is_beheerder(user_obj)

    def get_user(self, user_id):
        return None
