app_name = "sessies"

urlpatterns: list = []
