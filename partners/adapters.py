from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts exist only by invitation; the public sign-up form is closed."""

    def is_open_for_signup(self, request) -> bool:
        return False
