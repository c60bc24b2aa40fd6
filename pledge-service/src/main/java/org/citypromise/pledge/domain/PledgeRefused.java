package org.citypromise.pledge.domain;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A submission that cannot become a pledge, with every reason, each naming the field it concerns. */
public class PledgeRefused extends RuntimeException {

    /**
     * What is wrong with one field: a message key ({@code i18n/problems.properties}) and its arguments, so the API
     * can say it in the client's language.
     */
    public record Reason(String field, String key, List<String> arguments) {

        public Reason {
            arguments = List.copyOf(arguments);
        }

        public Reason(String field, String key, Object... arguments) {
            this(field, key, Arrays.stream(arguments).map(String::valueOf).toList());
        }

        /** The reason in English. */
        public String reason() {
            return Wording.english(key, arguments.toArray());
        }
    }

    private final List<Reason> reasons;

    public PledgeRefused(List<Reason> reasons) {
        super(reasons.stream().map(r -> r.field() + " " + r.reason()).collect(Collectors.joining("; ")));
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
