package io.emporium.platform.paging;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One page of an ordered result, and how large the whole result is. */
public record Page<T>(List<T> content, Paging paging, long totalElements) {

    public Page {
        content = List.copyOf(content);
        Objects.requireNonNull(paging, "paging");
        if (content.size() > paging.size()) {
            throw new IllegalArgumentException("A page of size " + paging.size() + " cannot hold " + content.size());
        }
        if (totalElements < 0) {
            throw new IllegalArgumentException("A total cannot be negative, got " + totalElements);
        }
    }

    /** Number of pages of {@code paging.size()} the whole result fills; 0 when it is empty. */
    public long totalPages() {
        return (totalElements + paging.size() - 1) / paging.size();
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(content.stream().<R>map(mapper).toList(), paging, totalElements);
    }
}
