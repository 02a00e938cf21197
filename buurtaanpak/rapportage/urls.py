app_name = "rapportage"

urlpatterns: list = []
