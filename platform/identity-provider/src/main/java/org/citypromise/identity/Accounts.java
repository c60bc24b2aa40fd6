package org.citypromise.identity;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The accounts, in the H2 file of the data dir: Spring Security's JdbcUserDetailsManager tables (usernames
 * compared ignoring case, passwords BCrypt-hashed) and a table of display names beside them.
 */
@Component
class Accounts {

    private final JdbcUserDetailsManager users;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    Accounts(JdbcUserDetailsManager users, JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.users = users;
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** A new resident; false, and nothing stored, when the username is taken. */
    @Transactional
    public boolean registerResident(String username, String password, String displayName) {
        if (users.userExists(username)) {
            return false;
        }
        try {
            users.createUser(account(username, password, List.of(AccountRoles.RESIDENT), List.of()));
        } catch (DuplicateKeyException takenMeanwhile) {
            return false;
        }
        keepDisplayName(username, displayName);
        return true;
    }

    /** Creates the account or sets it back to these roles, cities and password (the demo accounts, at each start). */
    @Transactional
    public void keep(String username, String password, String displayName, List<String> roles, List<String> cities) {
        UserDetails account = account(username, password, roles, cities);
        if (users.userExists(username)) {
            users.updateUser(account);
        } else {
            users.createUser(account);
        }
        keepDisplayName(username, displayName);
    }

    /**
     * Signs in with username and password as the sign-in form does (DaoAuthenticationProvider): the result carries
     * the password factor and when it was given, which the ID token's auth_time is made from.
     */
    public Authentication signIn(String username, String password) {
        DaoAuthenticationProvider check = new DaoAuthenticationProvider(users);
        check.setPasswordEncoder(passwords);
        return check.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }

    public Optional<String> displayName(String username) {
        return jdbc.queryForList("select display_name from display_names where username = ?", String.class, username)
                .stream().findFirst();
    }

    private void keepDisplayName(String username, String displayName) {
        jdbc.update("delete from display_names where username = ?", username);
        if (displayName != null && !displayName.isBlank()) {
            jdbc.update("insert into display_names (username, display_name) values (?, ?)", username, displayName.strip());
        }
    }

    private UserDetails account(String username, String password, List<String> roles, List<String> cities) {
        return User.withUsername(username).password(passwords.encode(password))
                .authorities(AccountRoles.authorities(roles, cities)).build();
    }
}
