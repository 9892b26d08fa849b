package io.emporium.inventory.stock.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A stock count: {@code {"available": 250}}, 0 to {@value #MAX_AVAILABLE} units free to reserve. */
record RestockRequest(@NotNull @Min(0) @Max(MAX_AVAILABLE) Long available) {

    static final long MAX_AVAILABLE = 1_000_000_000L;
}
