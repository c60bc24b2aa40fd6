package org.citypromise.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One message bundle in all its languages, checked for what a reader would notice: a key missing in a
 * language (Spring falls back to English in the middle of a Korean page), a key only a translation has
 * (a typo or a leftover), a translation that repeats the English text, and a translation that drops or
 * adds a {@code {0}} argument (the number it should show), and an apostrophe that MessageFormat would eat
 * or double (in any language, English too). Proper names, units and values without words may stay as in
 * English: pass them to {@link #allowingSameAsEnglish}.
 * <p>
 * Files are read as UTF-8 (Spring Boot's {@code spring.messages.encoding}), from the class path:
 * {@code <basename>.properties} (English) and {@code <basename>_<language>.properties}.
 */
public final class MessageBundles {

    private static final String ENGLISH = "en";

    /** The site's languages besides English. */
    public static final List<String> TRANSLATIONS = List.of("ko", "id", "fil", "vi");

    /** A MessageFormat argument: {@code {0}}, {@code {1,number,#.#}}. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)[^}]*}");
    /** An apostrophe standing alone, which MessageFormat takes as the start of a quoted (unformatted) part. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    public enum Kind {
        MISSING("missing"),
        ONLY_IN_TRANSLATION("only in the translation"),
        SAME_AS_ENGLISH("the English text, untranslated"),
        ARGUMENTS_DIFFER("other {n} arguments than English"),
        APOSTROPHE("an apostrophe MessageFormat mangles: '' where the text has {n} arguments, ' where it has none");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** One thing wrong with one key in one language ({@code en}: the base file). */
    public record Problem(String bundle, String language, String key, Kind kind, String detail) {

        @Override
        public String toString() {
            return bundle + (ENGLISH.equals(language) ? "" : "_" + language) + ": " + key + " — " + kind.description
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    private final String basename;
    private final Map<String, String> english;
    private final Map<String, Map<String, String>> translations;
    private final List<String> sameAsEnglishAllowed;
    private final boolean alwaysFormatted;

    private MessageBundles(String basename, Map<String, String> english, Map<String, Map<String, String>> translations,
            List<String> sameAsEnglishAllowed, boolean alwaysFormatted) {
        this.basename = basename;
        this.english = english;
        this.translations = translations;
        this.sameAsEnglishAllowed = sameAsEnglishAllowed;
        this.alwaysFormatted = alwaysFormatted;
    }

    /** The bundle {@code basename} (a class-path path such as {@code i18n/site}) in English and the site's languages. */
    public static MessageBundles load(String basename) {
        return load(basename, TRANSLATIONS);
    }

    public static MessageBundles load(String basename, List<String> languages) {
        Map<String, String> english = read(basename + ".properties");
        if (english == null) {
            throw new IllegalArgumentException("no " + basename + ".properties on the class path");
        }
        Map<String, Map<String, String>> translations = new LinkedHashMap<>();
        for (String language : languages) {
            // A missing file stays null: one problem says so, rather than one per key.
            translations.put(language, read(basename + "_" + language + ".properties"));
        }
        return new MessageBundles(basename, english, translations, List.of(), false);
    }

    /**
     * Words that stay as in English in every language — proper names, units (e.g. {@code Seoul},
     * {@code tCO2e}, {@code CityPromise}): a translation made only of these, arguments, digits and
     * punctuation is not reported for repeating the English text.
     */
    public MessageBundles allowingSameAsEnglish(String... words) {
        List<String> allowed = new ArrayList<>(sameAsEnglishAllowed);
        allowed.addAll(Arrays.asList(words));
        allowed.sort(Comparator.comparingInt(String::length).reversed());
        return new MessageBundles(basename, english, translations, List.copyOf(allowed), alwaysFormatted);
    }

    /**
     * For a message source that formats every message with MessageFormat
     * ({@code setAlwaysUseMessageFormat(true)}, as the services' problem texts are): a lone ' is wrong
     * everywhere, '' right everywhere.
     */
    public MessageBundles formattedAlways() {
        return new MessageBundles(basename, english, translations, sameAsEnglishAllowed, true);
    }

    public Set<String> keys() {
        return english.keySet();
    }

    /** Every problem, by language then key. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        english.forEach((key, text) -> apostrophes(ENGLISH, key, text).ifPresent(problems::add));
        translations.forEach((language, translation) -> {
            if (translation == null) {
                problems.add(new Problem(basename, language, "*", Kind.MISSING,
                        "no " + basename + "_" + language + ".properties"));
                return;
            }
            english.forEach((key, englishText) -> {
                String text = translation.get(key);
                if (text == null || text.isBlank()) {
                    problems.add(new Problem(basename, language, key, Kind.MISSING, ""));
                } else if (text.equals(englishText) && !stayAsInEnglish(text)) {
                    problems.add(new Problem(basename, language, key, Kind.SAME_AS_ENGLISH, text));
                } else if (!arguments(text).equals(arguments(englishText))) {
                    problems.add(new Problem(basename, language, key, Kind.ARGUMENTS_DIFFER,
                            "English " + arguments(englishText) + ", here " + arguments(text)));
                } else {
                    apostrophes(language, key, text).ifPresent(problems::add);
                }
            });
            translation.keySet().stream().filter(key -> !english.containsKey(key)).forEach(key ->
                    problems.add(new Problem(basename, language, key, Kind.ONLY_IN_TRANSLATION, "")));
        });
        problems.sort(Comparator.comparing(Problem::language).thenComparing(Problem::key));
        return problems;
    }

    /** For {@code assertThat(bundles.problems()).as(bundles::summary).isEmpty()}. */
    public String summary() {
        List<Problem> problems = problems();
        if (problems.isEmpty()) {
            return basename + ": " + english.size() + " keys, each in every language " + translations.keySet();
        }
        return basename + ": " + problems.size() + " problems in " + english.size() + " keys:\n"
                + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
    }

    /*
     * Spring formats a message with MessageFormat only when it is given arguments (Boot's default
     * spring.messages.always-use-message-format=false): then a lone ' starts a quoted part, so "it's {0}"
     * shows "its {0}" unfilled; without arguments the text shows as written, so '' shows doubled.
     */
    private Optional<Problem> apostrophes(String language, String key, String text) {
        boolean formatted = alwaysFormatted || ARGUMENT.matcher(text).find();
        boolean wrong = formatted ? LONE_APOSTROPHE.matcher(text).find() : text.contains("''");
        return wrong ? Optional.of(new Problem(basename, language, key, Kind.APOSTROPHE, text))
                : Optional.empty();
    }

    /** No word left to translate once arguments and the allowed words are taken out. */
    private boolean stayAsInEnglish(String text) {
        String rest = ARGUMENT.matcher(text).replaceAll(" ");
        for (String word : sameAsEnglishAllowed) {
            rest = rest.replace(word, " ");
        }
        return rest.codePoints().noneMatch(Character::isLetter);
    }

    private static Set<String> arguments(String text) {
        Set<String> arguments = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(text);
        while (matcher.find()) {
            arguments.add("{" + matcher.group(1) + "}");
        }
        return arguments;
    }

    /** The file's entries, sorted by key; null when there is no such file. */
    private static Map<String, String> read(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> entries = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
