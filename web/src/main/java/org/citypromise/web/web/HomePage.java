package org.citypromise.web.web;

import org.citypromise.web.api.AggregationApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The cities and their promises at a glance, what the world has pledged, and the leaderboard. */
@Controller
class HomePage {

    static final int CITIES_SHOWN = 50;
    static final int LEADERS_SHOWN = 10;

    private final AggregationApi aggregation;

    HomePage(AggregationApi aggregation) {
        this.aggregation = aggregation;
    }

    @GetMapping("/" + SitePaths.LANG + "/")
    String home(Model model) {
        model.addAttribute("cities", aggregation.cities(CITIES_SHOWN));
        model.addAttribute("world", aggregation.global());
        model.addAttribute("leaderboard", aggregation.leaderboard("GAP_COVERAGE", LEADERS_SHOWN));
        return "home";
    }
}
