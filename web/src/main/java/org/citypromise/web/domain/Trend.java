package org.citypromise.web.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The pledged total over the last {@value #DAYS} days, from the per-day net changes the view keeps (oldest
 * first, whole history): the total before the window, then one point per day that changed it.
 */
public record Trend(LocalDate from, LocalDate to, BigDecimal startTotal, List<Point> points) {

    public static final int DAYS = 90;

    /** One day inside the window: its new pledges, the net change, and the pledged total at its end. */
    public record Point(LocalDate date, long newPledges, BigDecimal change, BigDecimal total) {
    }

    public record DayChange(LocalDate date, long newPledges, BigDecimal change) {
    }

    public static Trend of(List<DayChange> days, LocalDate today) {
        LocalDate from = today.minusDays(DAYS - 1L);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal startTotal = BigDecimal.ZERO;
        List<Point> points = new ArrayList<>();
        for (DayChange day : days) {
            BigDecimal change = day.change() == null ? BigDecimal.ZERO : day.change();
            total = total.add(change);
            if (day.date().isBefore(from)) {
                startTotal = total;
            } else if (!day.date().isAfter(today)) {
                points.add(new Point(day.date(), day.newPledges(), change, total));
            }
        }
        return new Trend(from, today, startTotal, List.copyOf(points));
    }

    /** The highest total in the window, the chart's scale (never below the starting total). */
    public BigDecimal peak() {
        return points.stream().map(Point::total).reduce(startTotal, BigDecimal::max);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /**
     * The total as a step line in a {@code width} × {@code height} box (y grows downwards, the peak at the top,
     * zero at the bottom), as SVG {@code points}: flat from the window's start, a step on each day that changed it.
     */
    public String polyline(int width, int height) {
        BigDecimal peak = peak();
        StringBuilder line = new StringBuilder();
        double y = y(startTotal, peak, height);
        append(line, 0, y);
        for (Point point : points) {
            double x = (double) java.time.temporal.ChronoUnit.DAYS.between(from, point.date()) * width / (DAYS - 1);
            append(line, x, y);
            y = y(point.total(), peak, height);
            append(line, x, y);
        }
        append(line, width, y);
        return line.toString().trim();
    }

    private static double y(BigDecimal total, BigDecimal peak, int height) {
        if (peak.signum() <= 0 || total.signum() <= 0) {
            return height;
        }
        return height - total.doubleValue() / peak.doubleValue() * height;
    }

    private static void append(StringBuilder line, double x, double y) {
        line.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
    }
}
