package dev.kiln.server.profiles;

import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.api.instance.InstancePrices;
import dev.kiln.runtime.device.HostResources;
import java.util.List;

/**
 * Every instance type Kiln knows and what each maps to on this machine: the data behind
 * {@code kiln profiles}, as a table or as a JSON document.
 *
 * @param host        this machine as jobs see it
 * @param priceRegion the region the prices are for
 * @param profiles    one row per type, in catalog order
 */
public record ProfilesReport(HostSummary host, String priceRegion, List<ProfileRow> profiles) {

    public ProfilesReport {
        profiles = List.copyOf(profiles);
    }

    /** Maps every catalog type onto {@code host}, as a single-instance job. */
    public static ProfilesReport of(HostResources host) {
        List<ProfileRow> rows = InstanceCatalog.all().stream().map(t -> ProfileRow.of(Placement.of(t, 1, host))).toList();
        return new ProfilesReport(HostSummary.of(host), InstancePrices.REGION, rows);
    }

    /** The report for a terminal: the machine, the table, and what its marks mean. */
    public String text() {
        TextTable table = new TextTable(List.of("INSTANCE TYPE", "VCPUS", "MEMORY", "GPUS", "USD/HOUR",
                "THREADS", "MEMORY LIMIT", "DEVICES")).alignRight(1, 2, 4, 5, 6);
        for (ProfileRow r : profiles) {
            table.row(List.of(r.instanceType() + (r.scaledDown() ? " *" : ""), Integer.toString(r.vcpus()),
                    Units.gibText(r.memoryGiB()), gpus(r), price(r), Integer.toString(r.cpuThreads()),
                    Units.gibText(r.memoryLimitGiB()), r.devices()));
        }
        long scaled = profiles.stream().filter(ProfileRow::scaledDown).count();
        return host.describe() + "\n\n" + table.render() + "\n"
                + "* scaled down to fit this machine (" + scaled + " of " + profiles.size() + " types); "
                + "a job of that type runs with the THREADS, MEMORY LIMIT and DEVICES shown.\n"
                + "USD/HOUR: SageMaker training On-Demand, " + priceRegion + "; ~ marks an estimate (docs/profiles.md).\n";
    }

    private static String gpus(ProfileRow r) {
        if (r.gpus() > 0) {
            return r.gpus() + " x " + r.gpuModel() + " " + Units.gibText(r.gpuMemoryGiB());
        }
        return r.accelerator() == null ? "-" : r.accelerator();
    }

    private static String price(ProfileRow r) {
        if (r.usdPerHour() == null) {
            return "n/a";
        }
        return (Boolean.TRUE.equals(r.priceEstimated()) ? "~" : "") + Units.number(r.usdPerHour());
    }
}
