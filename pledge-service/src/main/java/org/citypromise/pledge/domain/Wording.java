package org.citypromise.pledge.domain;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The domain's words in English, kept once in the message bundles the API also answers in other languages from
 * ({@code i18n/actions.properties}, {@code i18n/problems.properties}; the translations beside them): an action's
 * title, a refusal's reason. Plain {@link ResourceBundle}s: no framework needed to read them.
 */
final class Wording {

    private static final ResourceBundle ACTIONS = ResourceBundle.getBundle("i18n.actions", Locale.ROOT);
    private static final ResourceBundle PROBLEMS = ResourceBundle.getBundle("i18n.problems", Locale.ROOT);

    private Wording() {
    }

    static String title(String actionCode) {
        return ACTIONS.getString("action." + actionCode + ".title");
    }

    /** The English of a message key with its arguments; the key itself for one that is not the domain's own. */
    static String english(String key, Object... arguments) {
        try {
            return new MessageFormat(PROBLEMS.getString(key), Locale.ENGLISH).format(arguments);
        } catch (MissingResourceException notOurs) {
            return key;
        }
    }
}
