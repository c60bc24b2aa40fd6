package org.citypromise.inventory.domain;

import java.util.List;

/**
 * Input that breaks a rule of the domain. Carries every violation found, each naming the field,
 * so a client can fix all of them in one go.
 */
public class InvalidInput extends RuntimeException {

    public record Violation(String field, String reason) {
    }

    private final List<Violation> violations;

    public InvalidInput(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.violations = List.copyOf(violations);
    }

    public static InvalidInput of(String field, String reason) {
        return new InvalidInput(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
