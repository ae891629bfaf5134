"""An assignment's rubric: the criteria the instructor grades on, each with its points."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from assignments.validators import format_points


class RubricCriterion(models.Model):
    assignment = models.ForeignKey(
        "assignments.Assignment", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)
    points = models.DecimalField(
        max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )

    class Meta:
        ordering = ["assignment", "position", "pk"]
        verbose_name_plural = "rubric criteria"
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gt=0) & Q(points__lte=20),
                name="rubric_criterion_points_in_range",
                violation_error_message="A criterion is worth more than 0 and at most 20 points.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.points_label} points)"

    @property
    def points_label(self):
        return format_points(self.points)
