package dev.kiln.server.profiles;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the profile tables write sizes, money and durations. */
final class Units {
    private static final double GIB = 1L << 30;

    private Units() {}

    static double gib(long bytes) {
        return Math.round(bytes / GIB * 10) / 10.0;
    }

    /** {@code 16 GiB}, {@code 7.5 GiB}. */
    static String gibText(double gib) {
        return (gib == Math.rint(gib) ? String.format(Locale.ROOT, "%.0f", gib) : String.format(Locale.ROOT, "%.1f", gib)) + " GiB";
    }

    static String gibText(long bytes) {
        return gibText(gib(bytes));
    }

    /** Dollars with enough digits that a few seconds of a cheap instance do not print as 0. */
    static String usd(double amount) {
        return amount >= 1 ? String.format(Locale.ROOT, "$%.2f", amount) : String.format(Locale.ROOT, "$%.6f", amount);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** A metric value with up to six significant digits, in plain notation unless very large or small. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros();
        boolean plain = v == 0 || (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e15);
        return plain ? d.toPlainString() : d.toString();
    }
}
