package dev.kiln.hpo.tuning;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG scatter charts for the tuning report, drawn here so the report needs nothing from the
 * network: points with a tooltip each, an optional step line (best so far), linear or logarithmic
 * x axis, or named categories along it.
 */
final class ReportCharts {
    private static final int W = 560;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 15;
    private static final int TOP = 28;
    private static final int BOTTOM = 42;

    private ReportCharts() {}

    /** One dot: position, tooltip text and fill colour. */
    record Point(double x, double y, String tip, String color) {}

    /**
     * @param line       points of a step line drawn under the dots (may be empty)
     * @param logX       a logarithmic x axis (all x must be positive)
     * @param categories names of x positions 0, 1, ... for a categorical axis, or null
     */
    static String scatter(String title, String xLabel, String yLabel, List<Point> points, List<double[]> line, boolean logX,
            List<String> categories) {
        StringBuilder s = new StringBuilder();
        s.append("<svg width='").append(W).append("' height='").append(H)
                .append("' class='chart'><text x='").append(W / 2).append("' y='16' text-anchor='middle' class='title'>")
                .append(TuningReport.escape(title)).append("</text>");
        if (points.isEmpty()) {
            return s.append("<text x='").append(W / 2).append("' y='").append(H / 2)
                    .append("' text-anchor='middle'>no results yet</text></svg>").toString();
        }
        double[] xr = categories != null ? new double[] {-0.5, categories.size() - 0.5}
                : range(points.stream().mapToDouble(p -> tx(p.x(), logX)).toArray());
        double[] yr = range(points.stream().mapToDouble(Point::y).toArray());
        axes(s, xLabel, yLabel, xr, yr, logX, categories);
        if (line.size() > 1) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                double[] p = line.get(i);
                String xy = f(px(tx(p[0], logX), xr)) + "," + f(py(p[1], yr));
                path.append(i == 0 ? "M" + xy : " H" + f(px(tx(p[0], logX), xr)) + " V" + f(py(p[1], yr)));
            }
            s.append("<path d='").append(path).append("' fill='none' stroke='#2b6cb0' stroke-width='2'/>");
        }
        for (Point p : points) {
            s.append("<circle cx='").append(f(px(tx(p.x(), logX), xr))).append("' cy='").append(f(py(p.y(), yr)))
                    .append("' r='4' fill='").append(p.color()).append("' fill-opacity='0.8'><title>")
                    .append(TuningReport.escape(p.tip())).append("</title></circle>");
        }
        return s.append("</svg>").toString();
    }

    private static void axes(StringBuilder s, String xLabel, String yLabel, double[] xr, double[] yr, boolean logX,
            List<String> categories) {
        int x0 = LEFT;
        int y0 = H - BOTTOM;
        s.append("<line x1='").append(x0).append("' y1='").append(y0).append("' x2='").append(W - RIGHT).append("' y2='")
                .append(y0).append("' stroke='#555'/><line x1='").append(x0).append("' y1='").append(TOP).append("' x2='")
                .append(x0).append("' y2='").append(y0).append("' stroke='#555'/>");
        for (int i = 0; i <= 4; i++) {
            double v = yr[0] + (yr[1] - yr[0]) * i / 4;
            s.append("<text x='").append(x0 - 6).append("' y='").append(f(py(v, yr) + 4)).append("' text-anchor='end'>")
                    .append(number(v)).append("</text>");
        }
        if (categories != null) {
            for (int i = 0; i < categories.size(); i++) {
                s.append("<text x='").append(f(px(i, xr))).append("' y='").append(y0 + 16).append("' text-anchor='middle'>")
                        .append(TuningReport.escape(categories.get(i))).append("</text>");
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                double v = xr[0] + (xr[1] - xr[0]) * i / 4;
                s.append("<text x='").append(f(px(v, xr))).append("' y='").append(y0 + 16).append("' text-anchor='middle'>")
                        .append(number(logX ? Math.pow(10, v) : v)).append("</text>");
            }
        }
        s.append("<text x='").append((x0 + W - RIGHT) / 2).append("' y='").append(H - 6).append("' text-anchor='middle'>")
                .append(TuningReport.escape(xLabel + (logX ? " (log scale)" : ""))).append("</text>");
        s.append("<text transform='translate(14,").append((TOP + y0) / 2).append(") rotate(-90)' text-anchor='middle'>")
                .append(TuningReport.escape(yLabel)).append("</text>");
    }

    private static double tx(double x, boolean log) {
        return log ? Math.log10(x) : x;
    }

    private static double[] range(double[] v) {
        double lo = java.util.Arrays.stream(v).min().orElse(0);
        double hi = java.util.Arrays.stream(v).max().orElse(1);
        double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.05, 0.5);
        return new double[] {lo - pad, hi + pad};
    }

    private static double px(double x, double[] r) {
        return LEFT + (x - r[0]) / (r[1] - r[0]) * (W - LEFT - RIGHT);
    }

    private static double py(double y, double[] r) {
        return H - BOTTOM - (y - r[0]) / (r[1] - r[0]) * (H - TOP - BOTTOM);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
