package org.citypromise.inventory.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A city taking part in a City Promise programme, as its climate officers register it.
 *
 * @param population residents, used for per-capita figures and intensity targets
 */
public record City(CityId id, String name, String countryCode, long population) {

    public static final int MAX_NAME_LENGTH = 120;
    /** An order of magnitude above any city on Earth; anything larger is a typo. */
    public static final long MAX_POPULATION = 500_000_000L;

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public City {
        Objects.requireNonNull(id, "id");
        check(new Violations(), name, countryCode, population).throwIfAny();
        name = name.strip();
    }

    /**
     * Validates a registration as a client sent it, where any field may be missing, and reports every
     * problem against the field it concerns.
     */
    public static City register(String cityId, String name, String countryCode, Long population) {
        Violations violations = new Violations()
                .require(CityId.isValid(cityId), "cityId", CityId.RULE);
        check(violations, name, countryCode, population).throwIfAny();
        return new City(new CityId(cityId), name, countryCode, population);
    }

    private static Violations check(Violations violations, String name, String countryCode, Long population) {
        return violations
                .require(name != null && !name.isBlank(), "name", "is required")
                .require(name == null || name.strip().length() <= MAX_NAME_LENGTH, "name",
                        "must be at most " + MAX_NAME_LENGTH + " characters")
                .require(Text.isPrintable(name), "name", Text.RULE)
                .require(countryCode != null && ISO_COUNTRIES.contains(countryCode), "countryCode",
                        countryCode == null ? "is required"
                                : "must be an ISO 3166-1 alpha-2 code in upper case (e.g. KR, ID, PH, VN)")
                .require(population != null, "population", "is required")
                .require(population == null || (population > 0 && population <= MAX_POPULATION), "population",
                        "must be a whole number between 1 and " + MAX_POPULATION);
    }
}
