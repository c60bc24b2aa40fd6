package org.citypromise.identity;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The roles the services know (the realm roles of deploy/keycloak) and how an account holds them and its cities:
 * as authorities {@code ROLE_<role>} and {@code CITY_<cityId>}, the rows of JdbcUserDetailsManager's table.
 */
final class AccountRoles {

    static final String RESIDENT = "resident";
    static final String CITY_OFFICER = "city-officer";
    static final String ADMIN = "admin";
    /** Reads the services' actuator endpoints other than health: metrics, for Prometheus. */
    static final String MONITORING = "monitoring";
    static final Set<String> ALL = Set.of(RESIDENT, CITY_OFFICER, ADMIN, MONITORING);

    private static final String ROLE = "ROLE_";
    private static final String CITY = "CITY_";

    private AccountRoles() {
    }

    static List<GrantedAuthority> authorities(List<String> roles, List<String> cities) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(ROLE + role)));
        cities.forEach(city -> authorities.add(new SimpleGrantedAuthority(CITY + city)));
        return authorities;
    }

    /** The {@code roles} claim: what the services turn back into ROLE_ authorities. */
    static List<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return withPrefix(authorities, ROLE);
    }

    /** The {@code cities} claim: the cities an officer acts for. */
    static List<String> cities(Collection<? extends GrantedAuthority> authorities) {
        return withPrefix(authorities, CITY);
    }

    private static List<String> withPrefix(Collection<? extends GrantedAuthority> authorities, String prefix) {
        return authorities.stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(prefix))
                .map(authority -> authority.substring(prefix.length())).sorted().toList();
    }
}
