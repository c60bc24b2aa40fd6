package org.citypromise.pledge.domain;

import java.util.Optional;

/** The emission factors a city has published, by code; they take precedence over catalog defaults. */
@FunctionalInterface
public interface CityFactors {

    Optional<EmissionFactor> factor(String code);

    CityFactors NONE = code -> Optional.empty();
}
