"""Accreditation API: frameworks and standards, cycles (with phase changes), proofs (upload
and review), findings, and the program tallies. Reads are scoped like the pages."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from puente.core.api import RestrictedViewSet, ScopedPermission, ScopedRelatedField
from puente.core.services import may

from . import actions, reports
from .filters import CycleFilterSet, FindingFilterSet, ProofFilterSet, StandardFilterSet
from .models import Cycle, Finding, Framework, Phase, Program, Proof, ProofReview, Standard


class FrameworkSerializer(serializers.ModelSerializer):
    standards = serializers.IntegerField(source="standards.count", read_only=True)

    class Meta:
        model = Framework
        fields = ["id", "code", "program_type", "edition", "title_en", "title_es", "tiers", "standards", "source_name", "created"]
        read_only_fields = fields


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Framework editions (import them with the page or `puente accreditation import-framework`)."""

    queryset = Framework.objects.all()
    serializer_class = FrameworkSerializer
    permission_classes = [ScopedPermission]
    filterset_fields = ["program_type", "edition"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")


class StandardSerializer(serializers.ModelSerializer):
    chapter = serializers.CharField(source="chapter.number", read_only=True)

    class Meta:
        model = Standard
        fields = ["id", "framework", "chapter", "code", "title_en", "title_es", "text_en", "text_es", "tiers", "mandatory",
                  "proof_en", "proof_es", "frequency"]
        read_only_fields = fields


class StandardViewSet(FrameworkViewSet):
    queryset = Standard.objects.select_related("chapter")
    serializer_class = StandardSerializer
    filterset_fields = None
    filterset_class = StandardFilterSet


class CycleSerializer(serializers.ModelSerializer):
    program_type = serializers.CharField(read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    next_phase = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Cycle
        fields = ["id", "program", "agency", "framework", "program_type", "tier", "phase", "next_phase", "enrolled_on", "phase_since",
                  "deadline", "overdue", "accredited_on", "closed_on", "closing_reason"]
        read_only_fields = fields


class PhaseChangeRequest(serializers.Serializer):
    to_phase = serializers.ChoiceField(Phase.choices)
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Agency cycles. POST advance/ moves one phase on (out of order: 400 naming the next phase)."""

    queryset = Cycle.objects.select_related("framework")
    serializer_class = CycleSerializer
    permission_classes = [ScopedPermission]
    filterset_class = CycleFilterSet

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view").distinct()

    _call = RestrictedViewSet._call  # the same translation of refusals into 400/403

    @extend_schema(request=PhaseChangeRequest, responses=CycleSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        cycle = get_object_or_404(Cycle.objects.restrict(request.user, "change"), pk=pk)
        data = PhaseChangeRequest(data=request.data)
        data.is_valid(raise_exception=True)
        updated = self._call(actions.advance, cycle, **data.validated_data)
        return Response(CycleSerializer(updated, context=self.get_serializer_context()).data)


class ProofSerializer(serializers.ModelSerializer):
    cycle = ScopedRelatedField(queryset=Cycle.objects.all())
    standard = serializers.PrimaryKeyRelatedField(queryset=Standard.objects.all())
    file = serializers.FileField(write_only=True, required=False)
    submit = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = Proof
        fields = ["id", "cycle", "standard", "period", "file", "file_name", "content_type", "size", "notes", "status", "submit",
                  "submitted_on", "retain_until", "created"]
        read_only_fields = ["period", "file_name", "content_type", "size", "status", "submitted_on", "retain_until", "created"]


class ReviewRequest(serializers.Serializer):
    decision = serializers.ChoiceField(ProofReview.Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True)


class MayReview(ScopedPermission):
    """Reviewing needs the grant to add reviews, not to add proofs (assessors review, never upload)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and may(request.user, "add", ProofReview))


class ProofViewSet(RestrictedViewSet):
    """Proofs of compliance. POST (multipart) uploads one for the cycle's current period; the file is
    checked by its content. POST review/ accepts or sends back a submitted proof. Files are served
    by the page /accreditation/proofs/<id>/file/."""

    queryset = Proof.objects.select_related("standard")
    serializer_class = ProofSerializer
    filterset_class = ProofFilterSet
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "head", "options"]
    create_action = actions.add_proof

    def get_queryset(self):
        return super().get_queryset().distinct()

    @extend_schema(request=ReviewRequest, responses=ProofSerializer)
    @action(detail=True, methods=["post"], permission_classes=[MayReview])
    def review(self, request, pk=None):
        proof = get_object_or_404(Proof.objects.restrict(request.user, "view").distinct(), pk=pk)
        data = ReviewRequest(data=request.data)
        data.is_valid(raise_exception=True)
        self._call(actions.review_proof, proof, **data.validated_data)
        proof.refresh_from_db()
        return Response(ProofSerializer(proof, context=self.get_serializer_context()).data)


class FindingSerializer(serializers.ModelSerializer):
    cycle = ScopedRelatedField(queryset=Cycle.objects.all())
    standard = serializers.PrimaryKeyRelatedField(queryset=Standard.objects.all())

    class Meta:
        model = Finding
        fields = ["id", "cycle", "standard", "period", "result", "note", "assessor", "recorded_on"]
        read_only_fields = ["period", "assessor", "recorded_on"]
        validators = []  # record_findings changes the period's finding when there is one


class FindingViewSet(RestrictedViewSet):
    """Findings per standard. POST records (or changes) the finding of the cycle's current period."""

    queryset = Finding.objects.select_related("standard")
    serializer_class = FindingSerializer
    filterset_class = FindingFilterSet
    http_method_names = ["get", "post", "head", "options"]

    @staticmethod
    def create_action(actor, *, cycle, standard, result, note=""):
        actions.record_findings(actor, cycle, {standard: (result, note)})
        return cycle.findings.get(standard=standard, period=cycle.period)

    def get_queryset(self):
        return super().get_queryset().distinct()


class TallySerializer(serializers.Serializer):
    group = serializers.CharField()
    enrolled = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    accredited = serializers.IntegerField()
    withdrawn_removed = serializers.IntegerField()


class TalliesViewSet(viewsets.ViewSet):
    """Program tallies of the cycles you may see, by program type, phase, country or year."""

    queryset = Cycle.objects.all()  # for the grant check: viewing cycles
    permission_classes = [ScopedPermission]

    @extend_schema(
        parameters=[OpenApiParameter("by", enum=list(reports.BREAKDOWNS), required=False), OpenApiParameter("program", int, required=False)],
        responses=inline_serializer("Tallies", {"by": serializers.CharField(), "total": TallySerializer(), "rows": TallySerializer(many=True),
                                                "median_days_per_phase": serializers.ListField(child=serializers.DictField())}),
    )
    def list(self, request):
        by = request.query_params.get("by", "program_type")
        if by not in reports.BREAKDOWNS:
            raise exceptions.ValidationError({"by": f"one of {', '.join(reports.BREAKDOWNS)}"})
        program = None
        if request.query_params.get("program"):
            program = Program.objects.restrict(request.user, "view").filter(pk=request.query_params["program"]).first()
            if program is None:
                raise exceptions.NotFound("program")
        cycles = reports.visible_cycles(request.user, program)
        total, rows = reports.tallies(cycles, by)
        return Response({"by": by, "total": TallySerializer(total).data, "rows": TallySerializer(rows, many=True).data,
                         "median_days_per_phase": reports.median_days_per_phase(cycles)})


ROUTES = [
    ("accreditation-frameworks", FrameworkViewSet, "accreditation-framework"),
    ("accreditation-standards", StandardViewSet, "accreditation-standard"),
    ("accreditation-cycles", CycleViewSet, "accreditation-cycle"),
    ("accreditation-proofs", ProofViewSet, "accreditation-proof"),
    ("accreditation-findings", FindingViewSet, "accreditation-finding"),
    ("accreditation-tallies", TalliesViewSet, "accreditation-tallies"),
]
