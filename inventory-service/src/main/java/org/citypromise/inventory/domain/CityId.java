package org.citypromise.inventory.domain;

import java.util.regex.Pattern;

/** A city's identifier: a lowercase slug such as {@code seoul} or {@code pasig-city}. */
public record CityId(String value) {

    public static final int MAX_LENGTH = 64;
    static final String RULE = "must be a lowercase slug of letters, digits and single hyphens, at most "
            + MAX_LENGTH + " characters (e.g. pasig-city)";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public CityId {
        if (!isValid(value)) {
            throw InvalidInput.of("cityId", RULE);
        }
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && SLUG.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
