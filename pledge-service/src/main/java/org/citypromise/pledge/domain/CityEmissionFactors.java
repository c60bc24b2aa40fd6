package org.citypromise.pledge.domain;

import java.util.List;

/**
 * A city's own emission factors, the whole list at the version inventory-service published it: estimates use
 * them before the catalog's defaults.
 */
public record CityEmissionFactors(String cityId, long version, List<EmissionFactor> factors) {

    public CityEmissionFactors {
        factors = List.copyOf(factors);
    }
}
