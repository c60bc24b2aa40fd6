package org.citypromise.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every city's totals as someone computed them, held against those kept while producing. */
record Exactness(int exactCities, int cities, List<String> mismatches) {

    private static final int SHOWN = 5;

    static Exactness of(Map<String, CityTotals> expected, Map<String, CityTotals> observed) {
        int exact = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, CityTotals> city : expected.entrySet()) {
            CityTotals seen = observed.getOrDefault(city.getKey(), CityTotals.NONE);
            if (seen.equals(city.getValue())) {
                exact++;
            } else if (wrong.size() < SHOWN) {
                wrong.add(city.getKey() + ": " + seen + ", expected " + city.getValue());
            }
        }
        return new Exactness(exact, expected.size(), wrong);
    }

    boolean exact() {
        return exactCities == cities;
    }

    @Override
    public String toString() {
        return (exact() ? "exact: " : "NOT EXACT: ") + exactCities + "/" + cities + " cities"
                + (mismatches.isEmpty() ? "" : " (e.g. " + String.join("; ", mismatches) + ")");
    }
}
