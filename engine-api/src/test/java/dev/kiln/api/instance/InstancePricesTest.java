package dev.kiln.api.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstancePricesTest {

    @Test
    void everyCatalogTypeHasExactlyOnePriceInCatalogOrder() {
        List<String> catalog = InstanceCatalog.all().stream().map(InstanceType::name).toList();
        List<String> priced = InstancePrices.all().stream().map(InstancePrices.Price::instanceType).toList();
        assertEquals(catalog, priced);
    }

    @Test
    void publishedFiguresReadAsTheyWereListed() {
        assertEquals(Optional.of(0.204), InstancePrices.onDemandPerHour("ml.c5.xlarge"));
        assertEquals(Optional.of(1.408), InstancePrices.onDemandPerHour("ml.g5.xlarge"));
        assertEquals(Optional.of(3.825), InstancePrices.onDemandPerHour("ml.p3.2xlarge"));
        assertFalse(InstancePrices.find("ml.c5.xlarge").orElseThrow().estimated());
        assertTrue(InstancePrices.find("ml.g6.xlarge").orElseThrow().estimated());
    }

    @Test
    void unknownTypesHaveNoPrice() {
        assertEquals(Optional.empty(), InstancePrices.onDemandPerHour("ml.nope.xlarge"));
        assertEquals(Optional.empty(), InstancePrices.onDemandPerHour(null));
    }

    @Test
    void cpuPricesPerVcpuStayInLineWithinAFamily() {
        // A typo (a dropped digit, a shifted decimal point) shows up as a price far out of line with its family.
        for (InstanceType t : InstanceCatalog.all()) {
            double perVcpu = InstancePrices.onDemandPerHour(t.name()).orElseThrow() / t.vcpus();
            for (InstanceType u : InstanceCatalog.all()) {
                if (u.family().equals(t.family()) && u.gpus() == 0 && t.gpus() == 0) {
                    double other = InstancePrices.onDemandPerHour(u.name()).orElseThrow() / u.vcpus();
                    assertTrue(perVcpu / other < 2.5, t.name() + " vs " + u.name());
                }
            }
        }
    }

    @Test
    void spotSavingIsTheDocumentedDefault() {
        assertEquals(0.70, InstancePrices.spotSavingFraction());
    }
}
