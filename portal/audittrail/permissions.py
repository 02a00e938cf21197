from partners import permissions


def can_read_audit_trail(user) -> bool:
    return permissions.is_beheerder(user)
