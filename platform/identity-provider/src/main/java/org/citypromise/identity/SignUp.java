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
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    static SignUp empty() {
        return new SignUp("", "", "");
    }

    /** Usernames are compared ignoring case; stored and used as subject in lower case. */
    String subject() {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        String subject = subject();
        if (subject.isEmpty()) {
            problems.put("username", "Enter a username");
        } else if (subject.length() < MIN_USERNAME || subject.length() > MAX_USERNAME) {
            problems.put("username", "Username must be " + MIN_USERNAME + " to " + MAX_USERNAME + " characters long");
        } else if (!USERNAME.matcher(subject).matches()) {
            problems.put("username", "Username can only contain letters, digits, '.', '_' and '-', and must start"
                    + " with a letter or digit");
        } else if (subject.startsWith("service-account-")) {
            problems.put("username", "Username cannot start with service-account-");
        }
        if (password == null || password.isEmpty()) {
            problems.put("password", "Enter a password");
        } else if (password.length() < MIN_PASSWORD) {
            problems.put("password", "Password must be at least " + MIN_PASSWORD + " characters long");
        } else if (password.length() > MAX_PASSWORD) {
            problems.put("password", "Password must be at most " + MAX_PASSWORD + " characters long");
        }
        if (displayName != null && displayName.strip().length() > MAX_DISPLAY_NAME) {
            problems.put("displayName", "Display name must be at most " + MAX_DISPLAY_NAME + " characters long");
        }
        return problems;
    }
}
