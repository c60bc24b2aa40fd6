package org.citypromise.web.web;

import org.citypromise.web.api.CityContribution;
import org.citypromise.web.api.Target;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * A city's target said in a sentence of the page's language, by its type (base year, per resident,
 * against a baseline, a fixed level or net zero). Years go in as text, never grouped like numbers.
 */
@Component("targets")
public class TargetWording {

    private final MessageSource messages;
    private final SiteFormats formats;

    TargetWording(MessageSource messages, SiteFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /** The whole promise, from inventory-service's target: "Seoul promises to cut ... 40% below 2005 by 2030". */
    public String words(String cityName, Target target) {
        if (target == null) {
            return message("target.none", cityName);
        }
        if ("FIXED_LEVEL".equals(target.type()) && target.targetLevelTco2e() != null
                && target.targetLevelTco2e().signum() == 0) {
            return message("target.words.NET_ZERO", cityName, "", "", year(target.targetYear()));
        }
        BigDecimal level = "FIXED_LEVEL".equals(target.type()) ? target.targetLevelTco2e() : null;
        return message("target.words." + knownType(target.type()), cityName,
                formats.decimal(target.reductionPercent()), year(target.baseYear()), year(target.targetYear()),
                formats.tco2e(level));
    }

    /** The promise at a glance, from the aggregation's summary (no percentage there): "below 2005 by 2030". */
    public String glance(CityContribution view) {
        CityContribution.TargetSummary target = view.target();
        if (target == null) {
            return message("target.glance.none");
        }
        if ("FIXED_LEVEL".equals(target.type()) && view.targetEmissionsTco2e() != null
                && view.targetEmissionsTco2e().signum() == 0) {
            return message("target.glance.NET_ZERO", "", year(target.targetYear()));
        }
        return message("target.glance." + knownType(target.type()), year(target.baseYear()),
                year(target.targetYear()), formats.tco2e(view.targetEmissionsTco2e()));
    }

    private static String knownType(String type) {
        return switch (type == null ? "" : type) {
            case "BASE_YEAR", "BASE_YEAR_INTENSITY", "BASELINE_SCENARIO", "FIXED_LEVEL" -> type;
            default -> "OTHER";
        };
    }

    private static String year(Integer year) {
        return year == null ? "" : Integer.toString(year);
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, LocaleContextHolder.getLocale());
    }
}
