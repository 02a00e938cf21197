app_name = "visie"

urlpatterns: list = []
