package org.citypromise.web.domain;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * A quantity as a resident types it in their language: "1,5" is one and a half in Indonesian and
 * Vietnamese, where "1.500" is fifteen hundred; in English, Korean and Filipino it is the other way round.
 * The locale's grouping mark is dropped and its decimal mark read as the point.
 */
public final class Quantities {

    private Quantities() {
    }

    public static Optional<BigDecimal> read(String text, Locale locale) {
        if (text == null) {
            return Optional.empty();
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        char decimal = symbols.getDecimalSeparator();
        char grouping = decimal == ',' ? '.' : ',';
        String plain = text.strip().replace(" ", "").replace("\u00a0", "").replace(String.valueOf(grouping), "");
        plain = plain.replace(decimal, '.');
        if (!plain.matches("\\d{1,12}(\\.\\d{1,6})?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(plain));
    }
}
