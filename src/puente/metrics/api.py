"""Metrics over the API: the registry's indicators and their figures, scoped to the reader, saved
dashboard views, and the published (public) tables.

The figures endpoint reads the dashboard's own query string (`dashboard.state_from`), so a saved
view or a dashboard address answers the same over the API, each reader seeing their own figures.
"""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from puente.core.api import RestrictedViewSet, ScopedPermission

from . import actions, dashboard, public, registry, sources
from .models import STATE_KEYS, SavedView

class IndicatorComponentSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    components = IndicatorComponentSerializer(many=True)
    breakdowns = serializers.ListField(child=serializers.CharField())
    filters = serializers.ListField(child=serializers.CharField())
    defaults = serializers.DictField(child=serializers.CharField(), help_text="the value of a filter read when none is given")
    default_breakdown = serializers.CharField()
    on_a_day = serializers.BooleanField()
    public = serializers.BooleanField()
    higher_is_better = serializers.BooleanField()
    years = serializers.ListField(child=serializers.IntegerField())


class IndicatorRowSerializer(serializers.Serializer):
    key = serializers.JSONField(allow_null=True)
    label = serializers.CharField()
    components = serializers.DictField(child=serializers.FloatField(allow_null=True))
    value = serializers.FloatField(allow_null=True)
    display = serializers.CharField()


class IndicatorFiguresSerializer(serializers.Serializer):
    indicator = IndicatorSerializer()
    year = serializers.IntegerField(allow_null=True)
    on = serializers.DateField(allow_null=True)
    filters = serializers.DictField()
    by = serializers.CharField(allow_null=True)
    rows = IndicatorRowSerializer(many=True)
    total = IndicatorRowSerializer(allow_null=True)


def _describe(indicator, user, language: str) -> dict:
    return {
        "code": indicator.code, "name": indicator.text("name", language), "description": indicator.text("description", language),
        "unit": indicator.unit,
        "components": [{"code": c, "label": indicator.component_label(c, language)} for c in indicator.components],
        "breakdowns": list(indicator.breakdowns), "filters": list(indicator.filters), "defaults": dict(indicator.defaults),
        "default_breakdown": indicator.default_breakdown,
        "on_a_day": indicator.on_a_day, "public": indicator.public, "higher_is_better": indicator.higher_is_better,
        "years": registry.years(indicator.code, registry.Scope(user)),
    }


def _row(indicator, row: dict) -> dict:
    value = row["value"]
    return {"key": row.get("key"), "label": str(row.get("label", "")), "components": dict(zip(indicator.components, row["parts"])),
            "value": value.value, "display": row["display"]}


class IndicatorViewSet(viewsets.ViewSet):
    """Every indicator of the registry, and one indicator's figures for a year: its rows by a
    breakdown and its total, counted over what the reader may see (a coordinator, their agency)."""

    queryset = SavedView.objects.all()  # the grant check: those who may open the dashboard
    permission_classes = [ScopedPermission]
    lookup_field = "code"
    lookup_value_regex = "[a-z0-9_]+"

    @extend_schema(responses=IndicatorSerializer(many=True))
    def list(self, request):
        language = request.LANGUAGE_CODE
        return Response([_describe(source.indicator, request.user, language) for source in registry.sources().values()])

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="the (fiscal) year; default the latest with figures"),
            OpenApiParameter("by", enum=[*sources.DIMENSION_LABELS], description="the breakdown; default the indicator's"),
            OpenApiParameter("on", OpenApiTypes.DATE, description="reference day in the year, for figures held on one day"),
            *[OpenApiParameter(key, str, description="filter") for key in STATE_KEYS if key not in ("indicator", "year", "on", "by")],
        ],
        responses=IndicatorFiguresSerializer,
    )
    def retrieve(self, request, code=None):
        if code not in registry.sources():
            raise exceptions.NotFound(f"no indicator {code!r}")
        params = request.query_params.copy()
        params["indicator"] = code
        by = params.get("by")
        indicator = registry.get(code).indicator
        if by and by not in indicator.breakdowns:
            raise exceptions.ValidationError({"by": f"{code} breaks down by {', '.join(indicator.breakdowns)}, not {by!r}"})
        if params.get("on") and dashboard.day(params["on"]) is None:
            raise exceptions.ValidationError({"on": f"“{params['on']}” is not a date in the form YYYY-MM-DD."})
        state = dashboard.state_from(params, request.user)
        body = {"indicator": _describe(indicator, request.user, request.LANGUAGE_CODE), "year": state.year, "on": state.on,
                "filters": state.filters, "by": None, "rows": [], "total": None}
        if state.year is not None:
            data = dashboard.table(request.user, state)
            body.update(by=data["by"], rows=[_row(indicator, row) for row in data["rows"]], total=_row(indicator, data["total"]))
        return Response(body)


class SavedViewSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = SavedView
        fields = ["id", "name", "query", "url", "created"]
        read_only_fields = ["created"]


class SavedViewViewSet(RestrictedViewSet):
    """Your named dashboard views: the query string is the view (see /api/metrics-indicators/)."""

    queryset = SavedView.objects.all()
    serializer_class = SavedViewSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    create_action = staticmethod(actions.save_view)
    delete_action = staticmethod(actions.delete_view)

    def get_queryset(self):
        return super().get_queryset().filter(owner=self.request.user)


class PublicIndexApi(APIView):
    """The published tables, for anyone without sign-in."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(operation_id="public_tables_list", responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response({"tables": [{"table": code, "url": reverse("public_api:table", args=[code], request=request)} for code in public.tables()],
                         "min_cell": public.min_cell()})


class PublicTableApi(APIView):
    """One published table: aggregated counts, cells under the minimum (and those that would reveal them) suppressed."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(operation_id="public_tables_retrieve", responses=OpenApiTypes.OBJECT,
                   parameters=[OpenApiParameter("year", int, description="fiscal year (service rate by program)")])
    def get(self, request, code):
        if code not in public.tables():
            raise exceptions.NotFound(f"no published table {code!r}")
        return Response(public.published_json(code, dashboard.year(request.query_params.get("year"))))


ROUTES = [
    ("metrics-indicators", IndicatorViewSet, "metrics-indicator"),
    ("metrics-saved-views", SavedViewViewSet, "metrics-saved-view"),
]
