package org.citypromise.web.web;

import org.citypromise.web.api.ServiceRefused;
import org.springframework.http.ProblemDetail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's refusal as a form shows it: each problem next to the field it names (the service's
 * {@code errors[].field}, in the visitor's language already), and what names no field of the form above it.
 */
public record FieldProblems(Map<String, String> byField, List<String> general) {

    static FieldProblems none() {
        return new FieldProblems(Map.of(), List.of());
    }

    static FieldProblems of(String field, String message) {
        return new FieldProblems(Map.of(field, message), List.of());
    }

    /**
     * @param formFields the service's field names that this form has an input for; problems naming others
     *                   (a path, a header) are shown at the top
     */
    static FieldProblems of(ServiceRefused refused, List<String> formFields) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new java.util.ArrayList<>();
        ProblemDetail problem = refused.problem();
        if (problem != null && problem.getProperties() != null
                && problem.getProperties().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> entry && entry.get("field") instanceof String field) {
                    String reason = entry.get("reason") instanceof String text ? text : problem.getTitle();
                    if (formFields.contains(field)) {
                        byField.merge(field, reason, (first, second) -> first + " " + second);
                    } else {
                        general.add(problem.getDetail() != null ? problem.getDetail() : reason);
                    }
                }
            }
        }
        if (byField.isEmpty() && general.isEmpty() && problem != null) {
            general.add(problem.getDetail() != null ? problem.getDetail() : problem.getTitle());
        }
        return new FieldProblems(byField, general);
    }

    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String of(String field) {
        return byField.get(field);
    }
}
