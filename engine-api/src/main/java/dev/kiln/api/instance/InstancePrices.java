package dev.kiln.api.instance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an hour of SageMaker training costs on each instance type: the On-Demand price in us-east-1,
 * USD, read once from {@code instance-prices.csv} (which cites its source, its date and how each
 * estimate was derived). Kiln never bills anything; the figures let a user compare instance profiles
 * by what the same job would have cost in the cloud.
 */
public final class InstancePrices {
    /** The region the prices are for. */
    public static final String REGION = "us-east-1";

    /**
     * The share of the On-Demand price that managed spot training saves, when nothing better is known.
     * AWS documents savings of "up to 90%" and spot prices typically sit 70-90% below On-Demand; the
     * bottom of that range keeps cost estimates on the cautious (higher) side.
     */
    public static final double DEFAULT_SPOT_SAVING_FRACTION = 0.70;

    private static final String RESOURCE = "instance-prices.csv";
    private static final Map<String, Price> PRICES = load();

    /**
     * One type's price.
     *
     * @param instanceType the type, e.g. {@code ml.c5.xlarge}
     * @param usdPerHour   On-Demand USD per instance-hour
     * @param estimated    true when AWS's SageMaker figure was not at hand and the price was derived (see the CSV)
     */
    public record Price(String instanceType, double usdPerHour, boolean estimated) {
        public Price {
            if (!(usdPerHour > 0) || Double.isInfinite(usdPerHour)) {
                throw new IllegalArgumentException(instanceType + ": price must be positive: " + usdPerHour);
            }
        }
    }

    private InstancePrices() {}

    /** On-Demand USD per instance-hour of {@code type}, if Kiln knows its price. */
    public static Optional<Double> onDemandPerHour(String type) {
        return find(type).map(Price::usdPerHour);
    }

    /** The price entry of {@code type}, which also says whether it is an estimate. */
    public static Optional<Price> find(String type) {
        return Optional.ofNullable(type == null ? null : PRICES.get(type));
    }

    /** Every price, in the file's order (that of {@link InstanceCatalog#all()}). */
    public static List<Price> all() {
        return List.copyOf(PRICES.values());
    }

    /** The documented default saving of managed spot training: {@value #DEFAULT_SPOT_SAVING_FRACTION}. */
    public static double spotSavingFraction() {
        return DEFAULT_SPOT_SAVING_FRACTION;
    }

    private static Map<String, Price> load() {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (CsvResource.Line line : CsvResource.lines(InstancePrices.class, RESOURCE)) {
            Price t = parse(line.text(), line.number());
            if (prices.put(t.instanceType(), t) != null) {
                throw new IllegalStateException(RESOURCE + ":" + line.number() + ": duplicate " + t.instanceType());
            }
        }
        return Collections.unmodifiableMap(prices);
    }

    private static Price parse(String line, int number) {
        String[] f = line.split(",", -1);
        if (f.length != 3) {
            throw new IllegalStateException(RESOURCE + ":" + number + ": expected 3 fields, got " + f.length);
        }
        boolean estimated = switch (f[2]) {
            case "published" -> false;
            case "estimate" -> true;
            default -> throw new IllegalStateException(RESOURCE + ":" + number + ": basis must be published or estimate: " + f[2]);
        };
        try {
            return new Price(f[0], Double.parseDouble(f[1]), estimated);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(RESOURCE + ":" + number + ": " + e.getMessage(), e);
        }
    }
}
