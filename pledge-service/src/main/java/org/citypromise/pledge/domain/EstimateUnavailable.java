package org.citypromise.pledge.domain;

/**
 * An action that cannot be estimated in a city yet: it needs a factor only the city can supply (its
 * grid electricity factor) and the city has not published it.
 */
public class EstimateUnavailable extends RuntimeException {

    private final Action action;
    private final String cityId;

    public EstimateUnavailable(Action action, String cityId) {
        super(Wording.english("detail.estimate-unavailable", action.code(), cityId, action.factorCode(),
                action.factorUnit()));
        this.action = action;
        this.cityId = cityId;
    }

    public String actionCode() {
        return action.code();
    }

    public String cityId() {
        return cityId;
    }

    public String factorCode() {
        return action.factorCode();
    }

    public String factorUnit() {
        return action.factorUnit();
    }
}
