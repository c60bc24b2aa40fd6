package org.citypromise.aggregation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.aggregation.application.ContributionViews;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.regex.Pattern;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contributions", description = "What each city's community has pledged, live")
class ContributionController {

    static final int MAX_PAGE_SIZE = 200;
    private static final Pattern CITY_SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ContributionViews views;

    ContributionController(ContributionViews views) {
        this.views = views;
    }

    record ContributionPage(List<Contributions> items, int page, int size, long totalItems) {
    }

    @GetMapping("/api/v1/cities/{cityId}/contributions")
    @Operation(summary = "A city's community contribution: pledges and their estimated tCO2e per year")
    Contributions contributions(@PathVariable String cityId) {
        if (cityId.length() > 64 || !CITY_SLUG.matcher(cityId).matches()) {
            throw new BadParameter("cityId", "must be a lowercase slug such as pasig-city");
        }
        return views.city(cityId).map(Contributions::of).orElseThrow(() -> new UnknownCity(cityId));
    }

    @GetMapping("/api/v1/cities/contributions")
    @Operation(summary = "Every city's contribution, by city id, a page at a time")
    ContributionPage all(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        checkPaging(page, size);
        ContributionViews.Page found = views.page(page * size, size);
        return new ContributionPage(found.items().stream().map(Contributions::of).toList(), page, size,
                found.totalItems());
    }

    static void checkPaging(int page, int size) {
        if (page < 0 || (long) page * size > Integer.MAX_VALUE) {
            throw new BadParameter("page", "must be 0 or more, within the list");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadParameter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    /** Nothing is known of what the request names. */
    static class NotFound extends RuntimeException {
        final String field;

        NotFound(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static class BadParameter extends RuntimeException {
        final String field;
        final String reason;

        BadParameter(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
            this.reason = reason;
        }
    }

    static class UnknownCity extends RuntimeException {
        UnknownCity(String cityId) {
            super("no contributions for city '" + cityId + "': it is not registered or nothing about it has arrived yet");
        }
    }
}
