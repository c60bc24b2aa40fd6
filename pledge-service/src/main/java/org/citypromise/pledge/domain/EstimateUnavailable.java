package org.citypromise.pledge.domain;

/**
 * An action that cannot be estimated in a city yet: it needs a factor only the city can supply (its
 * grid electricity factor) and the city has not published it.
 */
public class EstimateUnavailable extends RuntimeException {

    private final String factorCode;

    public EstimateUnavailable(Action action, String cityId) {
        super(action.code() + " cannot be estimated in " + cityId + " yet: the city has not published its "
                + action.factorCode() + " emission factor (" + action.factorUnit() + ")");
        this.factorCode = action.factorCode();
    }

    public String factorCode() {
        return factorCode;
    }
}
