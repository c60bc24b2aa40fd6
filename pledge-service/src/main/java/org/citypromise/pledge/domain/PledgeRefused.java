package org.citypromise.pledge.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A submission that cannot become a pledge, with every reason, each naming the field it concerns. */
public class PledgeRefused extends RuntimeException {

    public record Reason(String field, String reason) {
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
