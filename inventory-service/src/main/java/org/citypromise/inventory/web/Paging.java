package org.citypromise.inventory.web;

import org.citypromise.inventory.domain.InvalidInput;

/** A page of a list as a client asked for it: zero-based page number and size. */
record Paging(int page, int size) {

    static final int MAX_SIZE = 200;

    static Paging of(int page, int size) {
        if (page < 0) {
            throw InvalidInput.of("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidInput.of("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw InvalidInput.of("page", "is beyond the end of any list");
        }
        return new Paging(page, size);
    }

    int offset() {
        return page * size;
    }
}
