package org.citypromise.inventory.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one input so that all of them are reported at once. */
final class Violations {

    private final List<InvalidInput.Violation> found = new ArrayList<>();

    Violations require(boolean rule, String field, String reason) {
        if (!rule) {
            found.add(new InvalidInput.Violation(field, reason));
        }
        return this;
    }


    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInput(found);
        }
    }
}
