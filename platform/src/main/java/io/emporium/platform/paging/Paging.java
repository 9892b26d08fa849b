package io.emporium.platform.paging;

/** Which page of a result to return: a zero-based page number and a page size of 1 to {@value #MAX_SIZE}. */
public record Paging(int number, int size) {

    public static final int MAX_SIZE = 100;

    public Paging {
        if (number < 0) {
            throw new IllegalArgumentException("Page numbers start at 0, got " + number);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("Page size must be 1 to " + MAX_SIZE + ", got " + size);
        }
    }

    /** How many results come before this page; a long, so that large page numbers cannot overflow. */
    public long offset() {
        return (long) number * size;
    }
}
