package dev.kiln.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudCostTest {

    @Test
    void onDemandIsBillableSecondsTimesInstancesTimesHourlyPrice() {
        // An hour of ml.c5.xlarge is its hourly price; two instances for half an hour cost the same.
        assertEquals(0.204, CloudCost.estimate("ml.c5.xlarge", 1, 3600, 3600, false).orElseThrow(), 1e-12);
        assertEquals(0.204, CloudCost.estimate("ml.c5.xlarge", 2, 1800, 1800, false).orElseThrow(), 1e-12);
        assertEquals(3.825 * 90 / 3600, CloudCost.estimate("ml.p3.2xlarge", 1, 90, 90, false).orElseThrow(), 1e-12);
    }

    @Test
    void spotAppliesTheDocumentedSavingWhenTheEngineReportedNone() {
        assertEquals(0.204 * 0.30, CloudCost.estimate("ml.c5.xlarge", 1, 3600, 3600, true).orElseThrow(), 1e-12);
    }

    @Test
    void spotNeverSavesTwiceWhenTheBillableTimeAlreadyCarriesTheSaving() {
        // The service's own way: Billable below Training means the saving is already in Billable.
        assertEquals(0.204 * 0.25, CloudCost.estimate("ml.c5.xlarge", 1, 3600, 900, true).orElseThrow(), 1e-12);
    }

    @Test
    void noPriceOrNoTimeMeansNoEstimate() {
        assertEquals(Optional.empty(), CloudCost.estimate("ml.nope.xlarge", 1, 10, 10, false));
        assertEquals(Optional.empty(), CloudCost.estimate("ml.c5.xlarge", 1, null, null, false));
        assertTrue(CloudCost.estimate("ml.c5.xlarge", 1, 10, null, false).isPresent(), "training time stands in for billable");
    }
}
