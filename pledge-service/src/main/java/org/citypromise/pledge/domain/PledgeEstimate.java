package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a quantity of an action avoids in a city, under the factor the city would be estimated with now: the
 * number a pledge of it gets. Submissions and the public estimate both come here, so the two cannot differ.
 *
 * @param quantity the activity per year in its canonical form (120.000 and 1.2E+2 are both 120)
 */
public record PledgeEstimate(String cityId, Action action, BigDecimal quantity, EmissionFactor factor,
                             BigDecimal tco2ePerYear) {

    /**
     * Checks the city, action and quantity as a submission's are checked (every problem at once, each naming its
     * field) and estimates with the city's own factor where it published one, else the catalog's default.
     *
     * @throws PledgeRefused       if any of them is missing or wrong
     * @throws EstimateUnavailable if the action needs a factor only the city can supply and it has none
     */
    public static PledgeEstimate of(ActionCatalog catalog, CityFactors cityFactors, String cityId, String actionCode,
                                    BigDecimal quantity) {
        List<PledgeRefused.Reason> reasons = new ArrayList<>();
        PledgeSubmission.checkCityId(cityId, reasons);
        Action action = PledgeSubmission.checkAction(catalog, actionCode, quantity, reasons);
        if (!reasons.isEmpty()) {
            throw new PledgeRefused(reasons);
        }
        return of(action, cityFactors, cityId, quantity);
    }

    /** The estimate of an already checked action and quantity. */
    static PledgeEstimate of(Action action, CityFactors cityFactors, String cityId, BigDecimal quantity) {
        EmissionFactor factor = action.factorIn(cityFactors).orElseThrow(() -> new EstimateUnavailable(action, cityId));
        BigDecimal normalised = PledgeSubmission.normalise(quantity);
        return new PledgeEstimate(cityId, action, normalised, factor, action.estimateTco2ePerYear(normalised, factor));
    }
}
