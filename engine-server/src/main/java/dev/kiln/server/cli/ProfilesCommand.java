package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.device.HostResources;
import dev.kiln.server.profiles.ProfilesReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kiln profiles [--json]}: every instance type, its price, and what it maps to on this machine. */
@Command(name = "profiles",
        description = "List every instance type with its published figures, its price per hour and what it maps to on this machine.")
final class ProfilesCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // The home's config.properties may cap the machine (kiln.host.*); jobs see the capped figures, so show those.
        KilnConfig config = KilnConfig.load(home.resolve());
        ProfilesReport report = ProfilesReport.of(HostResources.detect(config.hostOverrides()));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(report));
        } else {
            out.print(report.text());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
