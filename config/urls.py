from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from claims.api.factcheck import FactCheckSearch
from claims.api.views import NoSuchAddress
from claims.public import exports
from claims.views import health_check

admin.site.site_header = "Claim tracker"
admin.site.site_title = "Claim tracker"

urlpatterns = [
    path("", include("claims.public.urls")),
    path("feeds/claimreview.json", exports.claimreview_feed, name="claimreview-feed"),
    path("feeds/fact-checks/", exports.FactChecksFeed(), name="fact-checks-rss"),
    path("feeds/fact-checks/atom/", exports.FactChecksAtom(), name="fact-checks-atom"),
    path("robots.txt", exports.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": exports.SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": exports.SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("methodology/", exports.methodology, name="methodology"),
    path("health/", health_check, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include("claims.api.urls")),
    path("v1alpha1/claims:search", FactCheckSearch.as_view(), name="factcheck-search"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^api/(?:.*/)?$", NoSuchAddress.as_view(), name="api-no-such-address"),  # last
]
