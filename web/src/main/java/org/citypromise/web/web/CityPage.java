package org.citypromise.web.web;

import org.citypromise.web.api.AggregationApi;
import org.citypromise.web.api.CityContribution;
import org.citypromise.web.api.Inventory;
import org.citypromise.web.api.InventoryApi;
import org.citypromise.web.domain.BarChart;
import org.citypromise.web.domain.GapCoverage;
import org.citypromise.web.domain.Trend;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A city's promise: its target, latest inventory, the gap, what its community pledged, the trend. */
@Controller
class CityPage {

    static final int CHART_WIDTH = 600;
    private static final List<String> SECTORS = List.of("I", "II", "III", "IV", "V");

    private final AggregationApi aggregation;
    private final InventoryApi inventories;
    private final MessageSource messages;
    private final Clock clock;

    CityPage(AggregationApi aggregation, InventoryApi inventories, MessageSource messages, Clock clock) {
        this.aggregation = aggregation;
        this.inventories = inventories;
        this.messages = messages;
        this.clock = clock;
    }

    /** One group of a breakdown, named in the page's language. */
    record Group(String code, String name, CityContribution.Tally tally) {
    }

    /** A breakdown and whether groups too small to show were left out of it. */
    record Breakdown(String kind, List<Group> groups, boolean someHidden) {
    }

    @GetMapping("/" + SitePaths.LANG + "/cities/{cityId}")
    String city(@PathVariable String cityId, Model model) {
        if (cityId.length() > 64 || !cityId.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new UnknownCity(cityId);
        }
        CityContribution view = aggregation.city(cityId).orElseThrow(() -> new UnknownCity(cityId));
        Optional<Inventory> inventory = view.latestInventory() == null ? Optional.empty()
                : inventories.inventory(cityId, view.latestInventory().year());
        String boundary = view.target() == null ? "BASIC" : view.target().boundary();
        model.addAttribute("view", view);
        model.addAttribute("cityName", view.name() == null ? cityId : view.name());
        model.addAttribute("target", inventories.target(cityId).orElse(null));
        model.addAttribute("inventory", inventory.orElse(null));
        model.addAttribute("boundaryName", name("boundary." + boundary));
        model.addAttribute("sectorChart", inventory.map(found -> sectorChart(found, boundary)).orElse(null));
        model.addAttribute("coverageBar", GapCoverage.barValue(view.gapCoveragePercent()));
        model.addAttribute("breakdowns", List.of(breakdown("area", view.byArea(), view.pledgeCount()),
                breakdown("sector", view.bySector(), view.pledgeCount()),
                breakdown("stakeholder", view.byStakeholderType(), view.pledgeCount())));
        Trend trend = Trend.of(view.daily().stream()
                .map(day -> new Trend.DayChange(day.date(), day.newPledges(), day.pledgedTco2ePerYearChange()))
                .toList(), LocalDate.now(clock));
        model.addAttribute("trend", trend);
        model.addAttribute("trendLine", trend.polyline(320, 150));
        return "city";
    }

    private BarChart sectorChart(Inventory inventory, String boundary) {
        return BarChart.of(SECTORS.stream().filter(inventory.bySector()::containsKey)
                .map(sector -> new BarChart.Entry(name("sector." + sector),
                        covered(inventory.bySector().get(sector), boundary)))
                .toList(), CHART_WIDTH);
    }

    /** The total the target's boundary counts: BASIC, BASIC+ or territorial. */
    static BigDecimal covered(Inventory.Totals totals, String boundary) {
        return switch (boundary == null ? "BASIC" : boundary) {
            case "BASIC_PLUS" -> totals.basicPlus();
            case "TERRITORIAL" -> totals.territorial();
            default -> totals.basic();
        };
    }

    private Breakdown breakdown(String kind, Map<String, CityContribution.Tally> tallies, long allPledges) {
        List<Group> groups = tallies.entrySet().stream()
                .map(entry -> new Group(entry.getKey(), name(kind + "." + entry.getKey()), entry.getValue()))
                .sorted(Comparator.comparing((Group group) -> group.tally().pledgedTco2ePerYear(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        long shown = groups.stream().mapToLong(group -> group.tally().pledgeCount()).sum();
        return new Breakdown(kind, groups, shown < allPledges);
    }

    private String name(String code) {
        return messages.getMessage(code, null, code.substring(code.indexOf('.') + 1), LocaleContextHolder.getLocale());
    }
}
