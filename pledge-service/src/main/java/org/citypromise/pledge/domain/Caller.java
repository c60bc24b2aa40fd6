package org.citypromise.pledge.domain;

import java.util.Set;

/**
 * Who is asking, as the identity provider's token says: the subject (a resident's account id, which
 * stays in this service), the roles, and for a city officer the cities they act for. Says who may read
 * and change a pledge: rules of the domain, so they live here rather than in the web's security set-up.
 */
public record Caller(String subject, Set<String> roles, Set<String> cities) {

    public static final String RESIDENT = "resident";
    public static final String CITY_OFFICER = "city-officer";
    public static final String ADMIN = "admin";

    public Caller {
        roles = Set.copyOf(roles);
        cities = Set.copyOf(cities);
    }

    public boolean actsFor(String cityId) {
        return roles.contains(CITY_OFFICER) && cities.contains(cityId);
    }

    /** A pledge is read by the resident who made it, by the officers of its city and by admins. */
    public boolean mayRead(String owner, String cityId) {
        return is(owner) || actsFor(cityId) || roles.contains(ADMIN);
    }

    /** Only the resident who made a pledge changes it. */
    public boolean mayChange(String owner) {
        return roles.contains(RESIDENT) && is(owner);
    }

    /** Whether the caller is this owner: a token without a subject (or a blank one) owns nothing. */
    private boolean is(String owner) {
        return subject != null && !subject.isBlank() && subject.equals(owner);
    }
}
