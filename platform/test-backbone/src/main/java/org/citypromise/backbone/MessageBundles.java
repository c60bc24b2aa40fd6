package org.citypromise.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a message bundle the way a reader in each language would notice it: the base file is English and every
 * other language has every one of its keys, translated (not the English left in place), with the same arguments,
 * and written for {@link java.text.MessageFormat} (a lone quote would vanish from the text).
 */
public final class MessageBundles {

    /** The languages the CityPromise sites and APIs answer in besides English. */
    public static final List<String> TRANSLATIONS = List.of("ko", "id", "fil", "vi");

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    private MessageBundles() {
    }

    /** The keys and values of one file of a bundle, e.g. {@code i18n/problems_ko.properties}. */
    public static Properties load(String resource) {
        try (InputStream in = MessageBundles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the class path");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with the bundle {@code basename} (e.g. {@code i18n/problems}); nothing if it is complete.
     *
     * @param sameInEveryLanguage keys whose text may stay as in English (a proper name, a unit)
     */
    public static List<String> problems(String basename, Set<String> sameInEveryLanguage) {
        Properties english = load(basename + ".properties");
        List<String> problems = new ArrayList<>();
        english.stringPropertyNames().forEach(key -> quotes(basename, key, english, problems));
        for (String language : TRANSLATIONS) {
            String file = basename + "_" + language + ".properties";
            Properties translated = load(file);
            for (String key : new TreeSet<>(english.stringPropertyNames())) {
                String text = translated.getProperty(key);
                if (text == null || text.isBlank()) {
                    problems.add(file + ": " + key + " is missing");
                } else if (text.equals(english.getProperty(key)) && !sameInEveryLanguage.contains(key)) {
                    problems.add(file + ": " + key + " is the English text: \"" + text + "\"");
                } else if (!arguments(text).equals(arguments(english.getProperty(key)))) {
                    problems.add(file + ": " + key + " has arguments " + arguments(text) + ", English "
                            + arguments(english.getProperty(key)));
                }
                quotes(file, key, translated, problems);
            }
            for (String key : translated.stringPropertyNames()) {
                if (english.getProperty(key) == null) {
                    problems.add(file + ": " + key + " is not in the English base file");
                }
            }
        }
        return problems;
    }

    private static void quotes(String file, String key, Properties bundle, List<String> problems) {
        if (LONE_QUOTE.matcher(bundle.getProperty(key)).find()) {
            problems.add(file + ": " + key + " has a lone ' (MessageFormat drops it: write '')");
        }
    }

    private static Set<String> arguments(String text) {
        Set<String> arguments = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(text);
        while (matcher.find()) {
            arguments.add(matcher.group(1));
        }
        return arguments;
    }
}
