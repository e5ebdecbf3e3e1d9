app_name = "xapi"

urlpatterns = []
