package org.citypromise.identity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a new resident enters to sign up, and what is wrong with it, field by field in the form's order.
 *
 * @param username    becomes the tokens' subject: lower case letters, digits, '.', '_' and '-'
 * @param password    at least {@value #MIN_PASSWORD} characters (NIST SP 800-63B asks length, not character classes)
 * @param displayName optional, how the site greets them
 */
record SignUp(String username, String password, String displayName) {

    static final int MIN_USERNAME = 3;
    static final int MAX_USERNAME = 40;
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;
    static final int MAX_DISPLAY_NAME = 60;
    /** The subjects of client credentials tokens ({@code service-account-<client>}): no resident may look like one. */
    static final String RESERVED_PREFIX = "service-account-";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    static SignUp empty() {
        return new SignUp("", "", "");
    }

    /** Usernames are compared ignoring case; stored and used as subject in lower case. */
    String subject() {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * What is wrong, by field: the message key (bundle {@code i18n/identity}, {@code signup.problem.*}) and its
     * arguments, for the page to say in the resident's language.
     */
    record Problem(String code, Object... arguments) {

        static Problem of(String code, Object... arguments) {
            return new Problem("signup.problem." + code, arguments);
        }
    }

    Map<String, Problem> problems() {
        Map<String, Problem> problems = new LinkedHashMap<>();
        String subject = subject();
        if (subject.isEmpty()) {
            problems.put("username", Problem.of("username.empty"));
        } else if (subject.length() < MIN_USERNAME || subject.length() > MAX_USERNAME) {
            problems.put("username", Problem.of("username.length", MIN_USERNAME, MAX_USERNAME));
        } else if (!USERNAME.matcher(subject).matches()) {
            problems.put("username", Problem.of("username.characters"));
        } else if (subject.startsWith(RESERVED_PREFIX)) {
            problems.put("username", Problem.of("username.reserved", RESERVED_PREFIX));
        }
        if (password == null || password.isEmpty()) {
            problems.put("password", Problem.of("password.empty"));
        } else if (password.length() < MIN_PASSWORD) {
            problems.put("password", Problem.of("password.short", MIN_PASSWORD));
        } else if (password.length() > MAX_PASSWORD) {
            problems.put("password", Problem.of("password.long", MAX_PASSWORD));
        }
        if (displayName != null && displayName.strip().length() > MAX_DISPLAY_NAME) {
            problems.put("displayName", Problem.of("displayName.long", MAX_DISPLAY_NAME));
        }
        return problems;
    }
}
