from portal.navigation import entries_for


def portal(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_nav": []}
    nav = entries_for(user, nav_only=True)
    path = request.path
    for item in nav:
        item["current"] = path.startswith(item["url"])
    return {"portal_nav": nav}
