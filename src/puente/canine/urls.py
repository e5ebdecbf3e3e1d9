app_name = "canine"

urlpatterns = []
