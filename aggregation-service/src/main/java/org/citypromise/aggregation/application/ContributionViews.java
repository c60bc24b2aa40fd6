package org.citypromise.aggregation.application;

import org.citypromise.aggregation.domain.CityContribution;
import org.citypromise.aggregation.domain.Leaderboard;
import org.citypromise.aggregation.domain.RollUp;
import org.citypromise.aggregation.store.ContributionStore;
import org.citypromise.aggregation.store.ViewGenerations;

import java.util.List;
import java.util.Optional;

/** What readers ask of the views: always the serving generation's. */
public class ContributionViews {

    /** A page of views and how many there are, both from one generation. */
    public record Page(List<CityContribution> items, long totalItems) {
    }

    private final ViewGenerations generations;

    public ContributionViews(ViewGenerations generations) {
        this.generations = generations;
    }

    public Optional<CityContribution> city(String cityId) {
        return generations.serving().find(cityId);
    }

    /** Views in city id order. */
    public Page page(int offset, int limit) {
        ContributionStore views = generations.serving(); // one generation for the page and its count
        return new Page(views.list(offset, limit), views.count());
    }

    /** A country's cities added up; empty when no city of the country has a view. */
    public Optional<RollUp> country(String countryCode) {
        List<CityContribution> cities = generations.serving().all(countryCode);
        return cities.isEmpty() ? Optional.empty() : Optional.of(RollUp.of(cities));
    }

    public RollUp global() {
        return RollUp.of(generations.serving().all(null));
    }

    public List<Leaderboard.Place> leaderboard(Leaderboard.Ranking ranking) {
        return Leaderboard.rank(generations.serving().all(null), ranking);
    }
}
