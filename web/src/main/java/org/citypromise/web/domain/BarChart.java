package org.citypromise.web.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Horizontal bars scaled to the largest value, in the chart's own units (0 to {@code width}): the geometry of
 * a chart drawn on the server. Negative values (a sector that removes more than it emits) draw as empty bars;
 * the table beside the chart carries the exact numbers.
 */
public record BarChart(List<Bar> bars, int width) {

    /** Height of one bar's row: its label line above the bar. */
    public static final int ROW = 48;

    /** A labelled value and the length of its bar. */
    public record Bar(String label, BigDecimal value, double length, int index) {

        public int labelY() {
            return index * ROW + 14;
        }

        public int barY() {
            return index * ROW + 22;
        }

        /** The length as SVG writes numbers, whatever the page's language. */
        public String lengthText() {
            return String.format(java.util.Locale.ROOT, "%.1f", length);
        }
    }

    public record Entry(String label, BigDecimal value) {
    }

    public static BarChart of(List<Entry> entries, int width) {
        BigDecimal largest = entries.stream().map(Entry::value).filter(value -> value != null)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            bars.add(new Bar(entry.label(), entry.value(), length(entry.value(), largest, width), i));
        }
        return new BarChart(List.copyOf(bars), width);
    }

    static double length(BigDecimal value, BigDecimal largest, int width) {
        if (value == null || value.signum() <= 0 || largest.signum() <= 0) {
            return 0;
        }
        return value.multiply(BigDecimal.valueOf(width)).divide(largest, 2, RoundingMode.HALF_UP).doubleValue();
    }

    public int height() {
        return bars.size() * ROW;
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }
}
