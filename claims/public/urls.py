from django.urls import path

from claims.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<int:claim_id>/", views.claim_page, name="claim"),
    path("speakers/<int:speaker_id>/", views.speaker_page, name="speaker"),
    path("sources/<int:source_id>/", views.source_page, name="source"),
    path("search/", views.search_page, name="search"),
]
