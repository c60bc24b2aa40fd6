package org.citypromise.web.web;

import org.citypromise.web.domain.GapCoverage;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Numbers and dates as the page's language writes them (grouping, decimal mark, percent sign, month names),
 * for the templates: {@code ${@formats.tco2e(view.pledgedTco2ePerYear)}}.
 */
@Component("formats")
public class SiteFormats {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Tonnes of CO2e: whole tonnes from 100 up, one decimal from 1, three below (a household's pledge). */
    public String tco2e(BigDecimal tonnes) {
        if (tonnes == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        BigDecimal size = tonnes.abs();
        int digits = size.compareTo(HUNDRED) >= 0 ? 0 : size.compareTo(BigDecimal.ONE) >= 0 ? 1 : 3;
        format.setMaximumFractionDigits(digits);
        format.setMinimumFractionDigits(0);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(tonnes);
    }

    /** A count of people or pledges, grouped. */
    public String count(Number count) {
        return count == null ? "–" : NumberFormat.getIntegerInstance(locale()).format(count);
    }

    /** A value already in percent (12.5 means 12.5%), with the locale's sign and spacing. */
    public String percent(BigDecimal percent) {
        if (percent == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale());
        format.setMaximumFractionDigits(percent.abs().compareTo(BigDecimal.ONE) < 0 ? 2 : 1);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(percent.divide(HUNDRED));
    }

    /** The value of a progress bar of the gap covered: the percentage held to 0–100. */
    public BigDecimal bar(BigDecimal percent) {
        return GapCoverage.barValue(percent);
    }

    /** A number with the same fraction digits as it came, grouped: target percentages, factors. */
    public String decimal(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMaximumFractionDigits(Math.max(0, value.stripTrailingZeros().scale()));
        return format.format(value);
    }

    public String date(LocalDate date) {
        return date == null ? "–" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
    }

    /** A moment, as its UTC date and time. */
    public String dateTime(Instant moment) {
        return moment == null ? "–" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(ZoneOffset.UTC).format(moment);
    }

    /** A country by its ISO code, named in the page's language (Korea, 대한민국, Korea Selatan...). */
    public String country(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        try {
            String name = new Locale.Builder().setRegion(code).build().getDisplayCountry(locale());
            return name.isBlank() ? code : name;
        } catch (java.util.IllformedLocaleException notACountry) {
            return code;
        }
    }

    /** A number as SVG coordinates need it: a dot, whatever the language. */
    public String svg(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
